import type { KioskCallName } from '../../../main/contract';

/**
 * What the client needs from a way of reaching the kiosk's main code. Both sides speak raw,
 * unvalidated values: checking them against the contract is the client's job, done once for all.
 */
export interface KioskTransport {
  /** Sends an already validated input; resolves with the CallResult envelope as it arrived. */
  send(name: KioskCallName, input: unknown): Promise<unknown>;
  /** Starts delivering event frames as they arrive. Called once. */
  listen(onFrame: (frame: unknown) => void): void;
}
