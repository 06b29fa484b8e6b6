import { randomBytes } from 'node:crypto';
import type { DeskConfig } from '../config';
import type { Clock } from '../ports';
import { verifyPin } from '../technician/pin';
import { PinAttempts, type PinAttemptResult } from '../technician/pin-attempts';

export type DeskSignInResult =
  | { ok: true; token: string; desk: DeskConfig }
  | { ok: false; reason: 'unknown-desk' | 'no-pin' }
  | Exclude<PinAttemptResult, { ok: true }>;

/**
 * Who is signed in at which desk. Each desk has its own lockout (a wrong PIN at desk 3 does not
 * lock desk 4). Sessions live as long as the process: a desk works a whole shift without idling
 * out, and after a restart its staff sign in again.
 */
export class DeskSessions {
  private readonly sessions = new Map<string, DeskConfig>();
  private readonly attemptsByDesk = new Map<string, PinAttempts>();

  /** `desks` is read at each sign-in, so a PIN set from technician mode counts at once. */
  constructor(
    private readonly desks: () => readonly DeskConfig[],
    private readonly clock: Clock,
  ) {}

  signIn(deskId: string, pin: string): DeskSignInResult {
    const desk = this.desks().find((candidate) => candidate.id === deskId);
    if (!desk) return { ok: false, reason: 'unknown-desk' };
    const pinHash = desk.pinHash;
    if (pinHash === null) return { ok: false, reason: 'no-pin' };
    const attempts = this.attemptsByDesk.get(deskId) ?? new PinAttempts(this.clock);
    this.attemptsByDesk.set(deskId, attempts);
    const attempt = attempts.attempt(() => verifyPin(pin, pinHash));
    if (!attempt.ok) return attempt;
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, desk);
    return { ok: true, token, desk };
  }

  /** The desk a token is signed in at; undefined when the token names no session. */
  deskOf(token: string): DeskConfig | undefined {
    return this.sessions.get(token);
  }

  signOut(token: string): void {
    this.sessions.delete(token);
  }

  /** Desks with at least one signed-in session: the desks open now. */
  openDesks(): DeskConfig[] {
    return [...new Map([...this.sessions.values()].map((desk) => [desk.id, desk])).values()];
  }
}

/** Whether a desk calls for the service (`*` stands for every service). */
export const deskServes = (desk: Pick<DeskConfig, 'serviceIds'>, serviceId: string): boolean =>
  desk.serviceIds.includes('*') || desk.serviceIds.includes(serviceId);
