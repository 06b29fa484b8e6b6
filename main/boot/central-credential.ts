import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EnrolResponse } from '../contract/sync';
import { InvalidFileError } from '../core/validation-report';
import { writeFileDurably, type DurableFs } from './durable-write';
import { normaliseFingerprint } from './pinned-https';
import { loadJsonFile } from './read-files';

/**
 * The device's credential with the central server, written once by `npm run enrol` and read at
 * start: where the central is, who this device is there, its bearer token, and the certificate
 * fingerprint it trusts. Without the file (or with a bad one) the kiosk runs and sync stays off.
 */
export const CentralCredential = z
  .object({
    url: z.url({ protocol: /^https$/, error: 'must be an https:// address' }),
    deviceId: EnrolResponse.shape.deviceId.min(1).max(64),
    centreId: EnrolResponse.shape.centreId,
    role: EnrolResponse.shape.role,
    token: EnrolResponse.shape.token,
    fingerprint: z
      .string()
      .refine((text) => normaliseFingerprint(text) !== null, 'must be a SHA-256 fingerprint: 64 hex digits')
      .transform((text) => normaliseFingerprint(text) ?? text),
  })
  .strict();
export type CentralCredential = z.output<typeof CentralCredential>;

export const centralCredentialFile = (dataDir: string) => join(dataDir, 'central.json');

export type CredentialRead =
  | { state: 'missing'; file: string }
  | { state: 'refused'; file: string; error: InvalidFileError }
  | { state: 'ready'; file: string; credential: CentralCredential };

/** The data folder's central.json: missing, refused (file and field named), or ready. */
export function readCentralCredential(dataDir: string): CredentialRead {
  const file = centralCredentialFile(dataDir);
  if (!existsSync(file)) return { state: 'missing', file };
  try {
    return { state: 'ready', file, credential: loadJsonFile(file, CentralCredential) };
  } catch (error) {
    if (error instanceof InvalidFileError) return { state: 'refused', file, error };
    throw error;
  }
}

/** Writes central.json whole or not at all (durable-write.ts), readable by the kiosk's user alone: it holds the token. */
export function writeCentralCredential(dataDir: string, credential: CentralCredential, fs?: DurableFs): string {
  const file = centralCredentialFile(dataDir);
  writeFileDurably(file, `${JSON.stringify(CentralCredential.parse(credential), null, 2)}\n`, fs, 0o600);
  return file;
}
