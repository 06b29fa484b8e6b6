import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/*
 * Secrets kept only as scrypt hashes, `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`: the kiosk's PINs
 * (main/core/auth/pin.ts) and the central's staff passwords (main/central/staff/password.ts). The
 * cost is in the string, so hashes made today still verify if the defaults are raised later.
 */

export const SCRYPT_HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Room for every cost we make or accept (N=2^17, r=8 takes 128 MiB); Node's default is 32 MiB. */
const MAX_MEMORY = 256 * 1024 * 1024;

const format = (cost: ScryptCost, salt: Buffer, hash: Buffer) =>
  `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;

interface Parsed {
  salt: Buffer;
  expected: Buffer;
  options: ScryptOptions;
}

function parse(stored: string): Parsed | null {
  const match = SCRYPT_HASH_PATTERN.exec(stored);
  if (!match) return null;
  const [, n, r, p, salt, hash] = match;
  const expected = Buffer.from(hash!, 'base64');
  // scrypt's shorter outputs are prefixes of its longer ones: a cut hash would accept the secret while
  // checking fewer bits, so only the length made here counts as a hash.
  if (expected.length !== KEY_LENGTH) return null;
  return {
    salt: Buffer.from(salt!, 'base64'),
    expected,
    options: { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEMORY },
  };
}

const same = (actual: Buffer, expected: Buffer) =>
  actual.length === expected.length && timingSafeEqual(actual, expected);

export function scryptHashSync(secret: string, cost: ScryptCost, salt: Buffer = randomBytes(SALT_BYTES)): string {
  return format(cost, salt, scryptSync(secret, salt, KEY_LENGTH, { ...cost, maxmem: MAX_MEMORY }));
}

/** Compares in constant time; a malformed stored hash verifies nothing rather than throwing. */
export function scryptVerifySync(secret: string, stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  try {
    return same(scryptSync(secret, parsed.salt, parsed.expected.length, parsed.options), parsed.expected);
  } catch {
    return false;
  }
}

const scryptAsync = (secret: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(secret, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** As scryptHashSync, off the event loop: a server keeps answering while a password is hashed. */
export async function scryptHash(
  secret: string,
  cost: ScryptCost,
  salt: Buffer = randomBytes(SALT_BYTES),
): Promise<string> {
  return format(cost, salt, await scryptAsync(secret, salt, KEY_LENGTH, { ...cost, maxmem: MAX_MEMORY }));
}

/** As scryptVerifySync, off the event loop. */
export async function scryptVerify(secret: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  try {
    return same(await scryptAsync(secret, parsed.salt, parsed.expected.length, parsed.options), parsed.expected);
  } catch {
    return false;
  }
}
