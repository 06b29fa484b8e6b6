import type { CallInput, CallOutput, EventPayload, KioskCallName, KioskEventName } from '../contract';
import type { Caller } from './caller';

/**
 * The kiosk's behaviour, free of transports and hardware: one function per call of the contract.
 * The caller (./caller.ts) is there for the few calls that need it; most leave it out.
 */
export type KioskHandlers = {
  [N in KioskCallName]: (input: CallInput<N>, caller?: Caller) => Promise<CallOutput<N>>;
};

export type KioskEventListener = <E extends KioskEventName>(event: E, payload: EventPayload<E>) => void;

/** How a core module tells the transports that something happened. */
export type Emit = KioskEventListener;

/**
 * The named calls of an object whose methods serve them (a module's calls class), bound to it.
 * The compiler checks that each named method takes that call's input and returns its output, so a
 * module's list of calls and its methods cannot drift apart.
 */
export function callsOf<N extends KioskCallName>(
  target: { [K in N]: (input: CallInput<K>, caller?: Caller) => Promise<CallOutput<K>> },
  names: readonly N[],
): Pick<KioskHandlers, N> {
  const calls: Partial<Record<KioskCallName, unknown>> = {};
  for (const name of names) calls[name] = target[name].bind(target);
  return calls as Pick<KioskHandlers, N>;
}
