import { describe, expect, it } from 'vitest';
import { scryptHash, scryptHashSync, scryptVerify, scryptVerifySync } from '../../../main/shared/scrypt-hash';

const COST = { N: 1024, r: 8, p: 1 };

describe('scrypt hashes (main/shared/scrypt-hash.ts)', () => {
  it('keeps the cost and a fresh salt in the string, so one secret hashes differently each time', async () => {
    const first = await scryptHash('correct horse battery', COST);
    const second = await scryptHash('correct horse battery', COST);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(first).not.toBe(second);
  });

  it('verifies the right secret only, async and sync alike, across the two', async () => {
    const hash = await scryptHash('correct horse battery', COST);
    expect(await scryptVerify('correct horse battery', hash)).toBe(true);
    expect(await scryptVerify('correct horse batterY', hash)).toBe(false);
    expect(scryptVerifySync('correct horse battery', hash)).toBe(true);
    const syncHash = scryptHashSync('482916', COST);
    expect(await scryptVerify('482916', syncHash)).toBe(true);
    expect(scryptVerifySync('482917', syncHash)).toBe(false);
  });

  it('verifies nothing against a malformed or truncated hash, rather than throwing', async () => {
    const hash = await scryptHash('secret secret', COST);
    expect(await scryptVerify('secret secret', 'secret secret')).toBe(false);
    expect(await scryptVerify('secret secret', hash.slice(0, -8))).toBe(false);
    // A cost scrypt refuses (N not a power of two) is a wrong hash, not a crash.
    expect(await scryptVerify('secret secret', hash.replace('$1024$', '$1000$'))).toBe(false);
  });
});
