import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { callResult, hallDeviceCalls, HallDeviceRole } from '../contract';
import { InvalidFileError } from '../core/validation-report';
import { writeFileDurably } from './durable-write';
import { HallTransport } from './hall-transport';
import { normaliseFingerprint } from './pinned-https';
import { loadJsonFile } from './read-files';

/**
 * A kiosk's credential with its hall server, written once by `npm run enrol -- --hall` and read at
 * start: the server's address, this device's id and role there, and its own bearer token.
 */
export const HallCredential = z
  .object({
    server: z.url({ protocol: /^https?$/, error: "must be the hall server's http:// or https:// address" }),
    deviceId: z.string().min(1).max(64),
    role: HallDeviceRole,
    token: z.string().min(16),
    /** SHA-256 of the server's certificate, pinned at enrolment; null for a server on plain http. */
    fingerprint: z.string().nullable().default(null),
  })
  .strict();
export type HallCredential = z.output<typeof HallCredential>;

export const hallCredentialFile = (dataDir: string) => join(dataDir, 'hall-credential.json');

/** The data folder's hall credential; null when there is none. A damaged file is refused naming its field. */
export function readHallCredential(dataDir: string): HallCredential | null {
  const file = hallCredentialFile(dataDir);
  return existsSync(file) ? loadJsonFile(file, HallCredential) : null;
}

export type HallEnrolment = { ok: true; credential: HallCredential; file: string } | { ok: false; message: string };

/**
 * Trades a one-time code from the hall server's technician for this device's own credential and
 * keeps it, readable by the kiosk's user alone. Nothing is written when the server refuses.
 */
export async function enrolInHall(options: {
  server: string;
  code: string;
  name: string;
  dataDir: string;
  /** SHA-256 of the server's certificate (shown when it starts): needed for an https:// server. */
  fingerprint?: string | null;
}): Promise<HallEnrolment> {
  let body: unknown;
  let transport: HallTransport | null = null;
  try {
    transport = new HallTransport(options.server, options.fingerprint ?? null);
    ({ body } = await transport.post('hallEnrol', { code: options.code, name: options.name }, null, 10_000));
  } catch (error) {
    return { ok: false, message: `the hall server at ${options.server} could not be asked: ${String(error)}` };
  } finally {
    transport?.close();
  }
  const answer = callResult(hallDeviceCalls.hallEnrol.output).safeParse(body);
  if (!answer.success) return { ok: false, message: 'the hall server answered in a form this kiosk does not know' };
  if (!answer.data.ok) return { ok: false, message: answer.data.error.message };
  const credential: HallCredential = {
    server: options.server,
    ...answer.data.value,
    fingerprint: options.fingerprint ? normaliseFingerprint(options.fingerprint) : null,
  };
  const file = hallCredentialFile(options.dataDir);
  writeFileDurably(file, `${JSON.stringify(credential, null, 2)}\n`, undefined, 0o600);
  return { ok: true, credential, file };
}

export { InvalidFileError };
