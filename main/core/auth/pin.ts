import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { NEW_PIN_PATTERN, PIN_PATTERN } from '../../contract';

export { NEW_PIN_PATTERN, PIN_PATTERN };

/**
 * Technician PINs are stored only as scrypt hashes: `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`.
 * The cost is in the string, so hashes made today still verify if the defaults are raised later.
 */
const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
export const PIN_HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/**
 * The PIN of a kiosk whose configuration has no `technician.pinHash` yet. It opens technician mode
 * only to change it: every other technician call is refused until a new PIN is set.
 */
export const FIRST_RUN_PIN = '000000';

/**
 * Why a PIN cannot become a technician or desk PIN, or null: the one check for the technician
 * screens, the API (changeTechnicianPin, setDeskPin) and set-pin. PINs anyone would try first (one
 * digit repeated, a run up or down such as 123456) are refused as well.
 */
export function newTechnicianPinProblem(pin: string): string | null {
  if (!NEW_PIN_PATTERN.test(pin)) return 'must be 6 to 12 digits';
  if (pin === FIRST_RUN_PIN) return `must differ from the first-run PIN ${FIRST_RUN_PIN}`;
  if (isGuessable(pin)) return 'must not be one digit repeated or a run such as 123456';
  return null;
}

function isGuessable(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((digit, i) => (digit - digits[i]! + 10) % 10));
  // One step all along: 0 is a repeated digit, 1 a run up (…8901 too), 9 a run down.
  return steps.size === 1 && [0, 1, 9].includes([...steps][0]!);
}

/**
 * Hashes any PIN the kiosk may hold (4 to 12 digits: hashes of PINs set before the 6-digit rule
 * stay valid); whether a PIN may be set now is newTechnicianPinProblem's to say.
 */
export function hashPin(pin: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  if (!PIN_PATTERN.test(pin)) throw new Error('a PIN is 4 to 12 digits');
  const hash = scryptSync(pin, salt, KEY_LENGTH, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export const isPinHash = (value: string): boolean => PIN_HASH_PATTERN.test(value);

/** Compares in constant time; a malformed stored hash verifies nothing rather than throwing. */
export function verifyPin(pin: string, stored: string): boolean {
  const match = PIN_HASH_PATTERN.exec(stored);
  if (!match) return false;
  const [, n, r, p, salt, hash] = match;
  const expected = Buffer.from(hash!, 'base64');
  let actual: Buffer;
  try {
    actual = scryptSync(pin, Buffer.from(salt!, 'base64'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 256 * 1024 * 1024,
    });
  } catch {
    return false;
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
