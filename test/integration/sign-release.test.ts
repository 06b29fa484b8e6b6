import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha512OfFile, signatureMatches } from '../../main/boot/update-signature';
import { tempDir } from '../support/kiosk-fixture';

const SCRIPT = join(import.meta.dirname, '../../scripts/sign-release.ts');

/** Runs scripts/sign-release.ts as a real process, as a release manager does. */
const signRelease = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8' });

describe('scripts/sign-release.ts: Ed25519 over the release file’s SHA-512', () => {
  let dir: ReturnType<typeof tempDir>;
  let release: string;
  beforeEach(() => {
    dir = tempDir('kiosk-sign-release-');
    release = join(dir.path, 'kiosk_0.2.0_amd64.deb');
    writeFileSync(release, Buffer.alloc(3 * 1024 * 1024, 0x5a));
  });
  afterEach(() => dir.remove());

  it('makes a key pair, signs a release the kiosk accepts, and refuses it once changed', async () => {
    const keygen = signRelease('keygen', '--out', dir.path);
    expect(keygen.status, keygen.stderr).toBe(0);
    const privateKey = join(dir.path, 'update-signing-key.pem');
    const publicKey = join(dir.path, 'update-public-key.pem');
    expect(statSync(privateKey).mode & 0o777).toBe(0o600);
    expect(keygen.stdout.trim()).toBe(readFileSync(publicKey, 'utf8').trim());
    expect(keygen.stdout).toContain('BEGIN PUBLIC KEY');

    const signed = signRelease('sign', '--key', privateKey, release);
    expect(signed.status, signed.stderr).toBe(0);
    const signature = readFileSync(`${release}.sig`, 'utf8');
    // What the kiosk's update check does with the file it downloaded and the .sig beside it.
    expect(signatureMatches(await sha512OfFile(release), signature, readFileSync(publicKey, 'utf8'))).toBe(true);
    expect(signRelease('verify', '--public-key', publicKey, release).status).toBe(0);

    appendFileSync(release, 'x');
    expect(signatureMatches(await sha512OfFile(release), signature, readFileSync(publicKey, 'utf8'))).toBe(false);
    const verify = signRelease('verify', '--public-key', publicKey, release);
    expect(verify.status).toBe(1);
    expect(verify.stderr).toContain('BAD');
  });

  it('never overwrites a key pair, and refuses a key that is not an Ed25519 private key', () => {
    expect(signRelease('keygen', '--out', dir.path).status).toBe(0);
    const before = readFileSync(join(dir.path, 'update-signing-key.pem'), 'utf8');
    const again = signRelease('keygen', '--out', dir.path);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already holds a key pair');
    expect(readFileSync(join(dir.path, 'update-signing-key.pem'), 'utf8')).toBe(before);

    const wrong = signRelease('sign', '--key', join(dir.path, 'update-public-key.pem'), release);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('is not a private key');
  });
});
