import { KioskApiError } from '../../../main/contract';

/** What the sign-in screen tells staff, by the refusal's code (texts: console `signIn.error.<kind>`). */
export type SignInErrorKind = 'wrong-pin' | 'locked' | 'unknown-desk' | 'no-pin' | 'invalid' | 'failed';

export function signInErrorKind(error: unknown): SignInErrorKind {
  if (!(error instanceof KioskApiError)) return 'failed';
  switch (error.code) {
    case 'wrong-pin':
      return 'wrong-pin';
    case 'desk-locked':
      return 'locked';
    case 'unknown-desk':
      return 'unknown-desk';
    case 'desk-pin-not-set':
      return 'no-pin';
    case 'invalid-input':
      return 'invalid';
    default:
      return 'failed';
  }
}
