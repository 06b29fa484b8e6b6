import { scryptHash, scryptVerify } from '../../shared/scrypt-hash';

/*
 * Staff passwords, kept only as scrypt hashes (main/shared/scrypt-hash.ts) at a higher cost than a
 * kiosk's PIN: N=2^15 takes 32 MiB and about a tenth of a second on the central, hashed off the
 * event loop.
 */
const PASSWORD_COST = { N: 32768, r: 8, p: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** A username as kept: trimmed, in lower case (people type their name in either case). */
export const normalUsername = (typed: string) => typed.trim().toLowerCase();

export function usernameProblem(username: string): string | null {
  return USERNAME_PATTERN.test(username)
    ? null
    : 'must be 2 to 63 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit';
}

/** Why a password cannot be set, or null. Length is what makes a password hard to guess. */
export function newPasswordProblem(password: string, username: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.toLowerCase().includes(username)) return 'must not contain the username';
  return null;
}

export const hashPassword = (password: string): Promise<string> => scryptHash(password.normalize('NFC'), PASSWORD_COST);

export const verifyPassword = (password: string, stored: string): Promise<boolean> =>
  scryptVerify(password.normalize('NFC'), stored);

/**
 * A hash no password matches, verified when the username is unknown: a sign-in with an unknown name
 * takes as long as one with a wrong password, so the time does not tell which names exist.
 */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(`decoy ${Math.random()} ${Date.now()}`));
