import type { ZodError } from 'zod';
import { KIOSK_CALL_NAMES, kioskCalls } from '../contract';
import type { ApiError, CallResult, KioskCallName } from '../contract';
import { KIOSK_SCREEN, type Caller } from './caller';
import { KioskError } from './errors';
import type { KioskHandlers } from './handlers';

export const isKioskCallName = (name: string): name is KioskCallName =>
  (KIOSK_CALL_NAMES as readonly string[]).includes(name);

/**
 * Runs one call arriving from any transport (Electron IPC, HTTP): the input is validated against
 * the contract, the output too, and every outcome becomes the same envelope. Internal faults are
 * reported without their stack so nothing of the machine leaks to a client.
 */
export async function dispatchCall<N extends KioskCallName>(
  handlers: KioskHandlers,
  name: N,
  rawInput: unknown,
  onInternalError: (error: unknown) => void = () => {},
  caller: Caller = KIOSK_SCREEN,
): Promise<CallResult<N>> {
  const schema = kioskCalls[name];
  const input = schema.input.safeParse(rawInput ?? {});
  if (!input.success) return { ok: false, error: invalidInput(input.error) };
  try {
    const handler = handlers[name] as (input: unknown, caller: Caller) => Promise<unknown>;
    const value = schema.output.parse(await handler.call(handlers, input.data, caller));
    return { ok: true, value } as CallResult<N>;
  } catch (error) {
    if (error instanceof KioskError) return { ok: false, error: { code: error.code, message: error.message } };
    onInternalError(error);
    return { ok: false, error: { code: 'internal', message: 'the kiosk could not complete this call' } };
  }
}

function invalidInput(error: ZodError): ApiError {
  const details = error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
  return { code: 'invalid-input', message: details };
}
