import { NEW_PIN_PATTERN, PIN_PATTERN } from '../../contract';
import { SCRYPT_HASH_PATTERN, scryptHashSync, scryptVerifySync } from '../../shared/scrypt-hash';

export { NEW_PIN_PATTERN, PIN_PATTERN };

/** PINs are stored only as scrypt hashes (main/shared/scrypt-hash.ts), at this cost. */
const COST = { N: 16384, r: 8, p: 1 } as const;
export const PIN_HASH_PATTERN = SCRYPT_HASH_PATTERN;

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
export function hashPin(pin: string, salt?: Buffer): string {
  if (!PIN_PATTERN.test(pin)) throw new Error('a PIN is 4 to 12 digits');
  return scryptHashSync(pin, COST, salt);
}

export const isPinHash = (value: string): boolean => PIN_HASH_PATTERN.test(value);

/** Compares in constant time; a malformed stored hash verifies nothing rather than throwing. */
export const verifyPin = (pin: string, stored: string): boolean => scryptVerifySync(pin, stored);
