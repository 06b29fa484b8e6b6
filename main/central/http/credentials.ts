import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A device's bearer credential: 256 random bits, shown once, kept centrally only as its hash. */
export const newToken = () => randomBytes(32).toString('hex');

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** No 0/O, 1/I/L or U: a code read off a screen and typed on a kiosk's keyboard must not be misread. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time enrolment code as the technician reads it: XXXX-XXXX (about 39 bits, valid for hours). */
export function newEnrolCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** The code as hashed: what was typed, without spaces or dashes, in capitals. */
export const enrolCodeHash = (typed: string) => sha256(typed.replace(/[\s-]/g, '').toUpperCase());
