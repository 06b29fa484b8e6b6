import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  centralCredentialFile,
  readCentralCredential,
  writeCentralCredential,
  type CentralCredential,
} from '../../../main/boot/central-credential';
import { normaliseFingerprint } from '../../../main/boot/pinned-https';
import { tempDir } from '../../support/kiosk-fixture';

const HEX = 'f35fd8d219ce515bce3ee0819845e71cacc7e7b507eab9e6c4885138b016f137';
const COLONS = HEX.toUpperCase().match(/../g)!.join(':');

const credential: CentralCredential = {
  url: 'https://central.example.org:8443',
  deviceId: 'bus-7',
  centreId: 'bus-fleet-baku',
  role: 'bus',
  token: 't'.repeat(48),
  fingerprint: HEX,
};

describe('central.json, the device credential', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-credential-')));
  afterEach(() => dir.remove());

  it('is missing until enrolment, so sync stays off', () => {
    expect(readCentralCredential(dir.path)).toEqual({ state: 'missing', file: centralCredentialFile(dir.path) });
  });

  it('is written durably for its owner alone and read back as written', () => {
    const file = writeCentralCredential(dir.path, { ...credential, fingerprint: COLONS });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readCentralCredential(dir.path)).toEqual({ state: 'ready', file, credential });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(credential);
  });

  it('refuses a bad file naming the file and each bad field', () => {
    const file = centralCredentialFile(dir.path);
    writeFileSync(
      file,
      JSON.stringify({
        ...credential,
        url: 'http://central.example.org',
        fingerprint: 'abc',
        token: undefined,
        extra: 1,
      }),
    );
    const read = readCentralCredential(dir.path);
    expect(read.state).toBe('refused');
    if (read.state !== 'refused') return;
    const message = read.error.message;
    expect(message).toContain(file);
    expect(message).toContain('url: must be an https:// address');
    expect(message).toContain('fingerprint: must be a SHA-256 fingerprint');
    expect(message).toMatch(/token: /);
    expect(message).toContain('extra: is not a known field');
  });

  it('refuses a file that is not JSON, naming it', () => {
    writeFileSync(centralCredentialFile(dir.path), '{ "url": ');
    const read = readCentralCredential(dir.path);
    expect(read.state === 'refused' && read.error.message).toContain(
      `${centralCredentialFile(dir.path)}: not valid JSON`,
    );
  });
});

describe('certificate fingerprints', () => {
  it('takes colon-separated or bare hex in either case, as 64 lower-case hex digits', () => {
    expect(normaliseFingerprint(COLONS)).toBe(HEX);
    expect(normaliseFingerprint(` ${HEX.toUpperCase()} `)).toBe(HEX);
  });

  it('refuses anything that is not 32 bytes of hex (a SHA-1 fingerprint, a typo)', () => {
    expect(normaliseFingerprint(HEX.slice(0, 40))).toBeNull();
    expect(normaliseFingerprint(`${HEX.slice(0, 63)}g`)).toBeNull();
    expect(normaliseFingerprint('')).toBeNull();
  });
});
