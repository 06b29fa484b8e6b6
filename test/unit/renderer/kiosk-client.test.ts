import { describe, expect, it, vi } from 'vitest';
import { KioskApiError, type KioskCallName } from '../../../main/contract';
import { createClientOver } from '../../../renderer/src/api/create-client';
import type { KioskTransport } from '../../../renderer/src/api/transport';
import { ticket } from './fixtures';

/** A transport answering each call with a fixed envelope and letting the test push event frames. */
function fakeTransport(answers: Partial<Record<KioskCallName, unknown>>) {
  const sent: { name: KioskCallName; input: unknown }[] = [];
  let push: (frame: unknown) => void = () => undefined;
  const transport: KioskTransport = {
    send: async (name, input) => {
      sent.push({ name, input });
      return answers[name];
    },
    listen: (onFrame) => {
      push = onFrame;
    },
  };
  return { transport, sent, push: (frame: unknown) => push(frame) };
}

describe('kiosk client', () => {
  it('resolves with the value of an ok envelope', async () => {
    const issued = ticket();
    const { transport, sent } = fakeTransport({ issueTicket: { ok: true, value: issued } });
    const api = createClientOver(transport);
    await expect(api.issueTicket({ serviceId: 'passport', language: 'az' })).resolves.toEqual(issued);
    expect(sent).toEqual([{ name: 'issueTicket', input: { serviceId: 'passport', language: 'az' } }]);
  });

  it('throws KioskApiError with the code of a refusal', async () => {
    const { transport } = fakeTransport({
      submitRating: { ok: false, error: { code: 'already-rated', message: 'ticket 1 is rated' } },
    });
    const api = createClientOver(transport);
    const error = await api.submitRating({ ticketId: 1, score: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KioskApiError);
    expect(error).toMatchObject({ code: 'already-rated', message: 'ticket 1 is rated' });
  });

  it('refuses an invalid input without sending it', async () => {
    const { transport, sent } = fakeTransport({});
    const api = createClientOver(transport);
    await expect(api.submitRating({ ticketId: 1, score: 9 })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(sent).toEqual([]);
  });

  it('rejects an answer that does not match the contract', async () => {
    const { transport } = fakeTransport({ issueTicket: { ok: true, value: { number: 'A-001' } } });
    const api = createClientOver(transport);
    await expect(api.issueTicket({ serviceId: 'passport', language: 'az' })).rejects.toMatchObject({
      code: 'internal',
    });
  });

  it('delivers valid events to their subscribers until they unsubscribe', () => {
    const { transport, push } = fakeTransport({});
    const api = createClientOver(transport);
    const ended = vi.fn();
    const issued = vi.fn();
    const stop = api.on('visitEnded', ended);
    api.on('ticketIssued', issued);
    const frame = { event: 'visitEnded', payload: ticket({ visitEndedAt: '2025-01-15T09:00:00.000Z' }) };
    push(frame);
    expect(ended).toHaveBeenCalledWith(frame.payload);
    expect(issued).not.toHaveBeenCalled();
    stop();
    push(frame);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('drops malformed event frames', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { transport, push } = fakeTransport({});
    const api = createClientOver(transport);
    const ended = vi.fn();
    api.on('visitEnded', ended);
    push({ event: 'visitEnded', payload: { id: 'nope' } });
    push({ event: 'noSuchEvent', payload: {} });
    push(undefined);
    expect(ended).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });
});
