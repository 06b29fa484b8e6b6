import {
  KIOSK_CALL_NAMES,
  callResult,
  kioskCalls,
  KioskApiError,
  type CallInput,
  type CallOutput,
  type KioskApi,
  type KioskCallName,
} from '../../../main/contract';
import { EventHub } from './event-hub';
import type { KioskTransport } from './transport';

/**
 * Builds the typed API over any transport, checking every message against the contract: inputs
 * before they leave, answers and events as they arrive.
 */
export function createClientOver(transport: KioskTransport): KioskApi {
  const events = new EventHub();
  transport.listen((frame) => events.deliver(frame));
  const call = <N extends KioskCallName>(name: N) => {
    return (input: CallInput<N>) => invoke(transport, name, input);
  };
  // Every call of the contract, so a call added to the contract is in every client at once.
  const calls = Object.fromEntries(KIOSK_CALL_NAMES.map((name) => [name, call(name)])) as Omit<KioskApi, 'on'>;
  return {
    ...calls,
    on: (event, handler) => events.on(event, handler),
  };
}

async function invoke<N extends KioskCallName>(
  transport: KioskTransport,
  name: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> {
  const schema = kioskCalls[name];
  const checked = schema.input.safeParse(input);
  if (!checked.success) {
    throw new KioskApiError('invalid-input', `${name}: ${checked.error.message}`);
  }
  const raw = await transport.send(name, checked.data);
  const envelope = callResult(schema.output).safeParse(raw);
  if (!envelope.success) {
    throw new KioskApiError('internal', `${name}: the answer does not match the contract: ${envelope.error.message}`);
  }
  if (!envelope.data.ok) {
    throw new KioskApiError(envelope.data.error.code, envelope.data.error.message);
  }
  // The envelope was parsed with this call's own output schema, which TypeScript cannot follow through the generic.
  return envelope.data.value as CallOutput<N>;
}
