import type { ApiErrorCode } from '../contract';

/** A refusal the kiosk explains to its caller; anything else thrown is an internal fault. */
export class KioskError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KioskError';
  }
}
