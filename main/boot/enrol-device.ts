import { EnrolRequest, EnrolResponse, SyncError, syncPaths } from '../contract/sync';
import { writeCentralCredential, type CentralCredential } from './central-credential';
import { normaliseFingerprint, postPinnedJson, TransportError } from './pinned-https';

/*
 * Enrolment: the device presents the one-time code the technician read off the central server's
 * screen, over HTTPS to the certificate whose fingerprint the technician typed in, and keeps the
 * credential the central answers with in central.json. Nothing is written unless all of it checks.
 */

export interface EnrolOptions {
  /** `https://host:port` of the central server. */
  central: string;
  code: string;
  /** The central certificate's SHA-256 fingerprint, bare or colon-separated hex. */
  fingerprint: string;
  /** The kiosk's configured kioskId: the device's name at the central. */
  deviceId: string;
  appVersion: string;
  dataDir: string;
  timeoutMs?: number;
}

export type EnrolResult =
  { ok: true; file: string; credential: CentralCredential } | { ok: false; message: string; file?: undefined };

export async function enrolDevice(options: EnrolOptions): Promise<EnrolResult> {
  const fingerprint = normaliseFingerprint(options.fingerprint);
  if (fingerprint === null) {
    return { ok: false, message: `--fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed)` };
  }
  let url: URL;
  try {
    url = new URL(options.central);
  } catch {
    return { ok: false, message: `--central ${options.central} is not an address (https://host:port)` };
  }
  if (url.protocol !== 'https:') return { ok: false, message: `--central must be an https:// address` };
  const central = `${url.origin}${url.pathname.replace(/\/$/, '')}`;
  const request = EnrolRequest.safeParse({
    code: options.code.trim(),
    deviceId: options.deviceId,
    appVersion: options.appVersion,
  });
  if (!request.success) {
    const problems = request.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    return { ok: false, message: `the enrolment request is not valid: ${problems}` };
  }

  let answer;
  try {
    answer = await postPinnedJson({
      url: central,
      path: syncPaths.enrol,
      fingerprint,
      body: request.data,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  } catch (error) {
    if (error instanceof TransportError) return { ok: false, message: `no enrolment: ${error.message}` };
    throw error;
  }
  if (answer.status !== 200) {
    const refusal = SyncError.safeParse(answer.body);
    const why = refusal.success ? `${refusal.data.error}: ${refusal.data.message}` : 'no reason given';
    return { ok: false, message: `the central server refused the enrolment (HTTP ${answer.status}, ${why})` };
  }
  const granted = EnrolResponse.safeParse(answer.body);
  if (!granted.success) return { ok: false, message: 'the central server answered without a credential' };
  if (granted.data.deviceId !== options.deviceId) {
    return {
      ok: false,
      message: `the central server enrolled "${granted.data.deviceId}", not this kiosk's "${options.deviceId}"`,
    };
  }
  const credential: CentralCredential = {
    url: central,
    deviceId: granted.data.deviceId,
    centreId: granted.data.centreId,
    role: granted.data.role,
    token: granted.data.token,
    fingerprint,
  };
  const file = writeCentralCredential(options.dataDir, credential);
  return { ok: true, file, credential };
}
