import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../main/contract';
import { makeDeskKiosk, type DeskKiosk } from '../../support/desk-fixture';

/** The history exactly as the file holds it, read with a second connection. */
function historyOf(kiosk: DeskKiosk, ticketId: number): { kind: string; desk_id: string | null; service_id: string }[] {
  const db = new Database(kiosk.dbFile, { readonly: true });
  try {
    return db
      .prepare('SELECT kind, desk_id, service_id FROM visit_events WHERE ticket_id = ? ORDER BY id')
      .all(ticketId) as { kind: string; desk_id: string | null; service_id: string }[];
  } finally {
    db.close();
  }
}

describe('calling and serving at desks', () => {
  let kiosk: DeskKiosk;
  beforeEach(() => {
    kiosk = makeDeskKiosk({ priority: { maxInRow: 2 } });
  });
  afterEach(() => kiosk.close());

  it('takes a ticket through called, recalled, serving and finished, recording each step with its event', async () => {
    const ticket = await kiosk.issue('passport');
    const desk = await kiosk.signIn('2');
    const called = await kiosk.service.callNext({ token: desk });
    expect(called).toMatchObject({ id: ticket.id, state: 'called', deskId: '2', recalls: 0 });
    expect(called?.calledAt).toBe(kiosk.clock.now().toISOString());
    kiosk.advance(1);
    const recalled = await kiosk.service.recallTicket({ token: desk });
    expect(recalled).toMatchObject({ state: 'called', recalls: 1, calledAt: called?.calledAt });
    kiosk.advance(1);
    const serving = await kiosk.service.startVisit({ token: desk });
    expect(serving).toMatchObject({ state: 'serving', servingStartedAt: kiosk.clock.now().toISOString() });
    kiosk.advance(4);
    const done = await kiosk.service.finishVisit({ token: desk });
    expect(done).toMatchObject({ state: 'done', visitEndedAt: kiosk.clock.now().toISOString(), deskId: '2' });

    expect(historyOf(kiosk, ticket.id)).toEqual([
      { kind: 'issued', desk_id: null, service_id: 'passport' },
      { kind: 'called', desk_id: '2', service_id: 'passport' },
      { kind: 'recalled', desk_id: '2', service_id: 'passport' },
      { kind: 'started', desk_id: '2', service_id: 'passport' },
      { kind: 'finished', desk_id: '2', service_id: 'passport' },
    ]);
    const calls = kiosk.events.filter((frame) => frame.event === 'ticketCalled').map((frame) => frame.payload);
    expect(calls.map((payload) => ('call' in payload ? payload.call : null))).toMatchObject([
      { number: 'A-001', deskId: '2', language: 'ru', recall: false },
      { number: 'A-001', deskId: '2', language: 'ru', recall: true },
    ]);
    expect(kiosk.events.map((frame) => frame.event)).toEqual([
      'ticketIssued',
      'ticketCalled',
      'visitChanged',
      'ticketCalled',
      'visitChanged',
      'visitChanged',
      'visitChanged',
      'visitEnded',
    ]);
  });

  it('refuses to call while the desk has a visit, and answers null when no one waits', async () => {
    await kiosk.issue('passport');
    await kiosk.issue('passport');
    const desk = await kiosk.signIn('2');
    await kiosk.service.callNext({ token: desk });
    await expect(kiosk.service.callNext({ token: desk })).rejects.toMatchObject({
      code: 'desk-busy',
      message: expect.stringContaining('A-001'),
    });
    await kiosk.service.startVisit({ token: desk });
    await expect(kiosk.service.callNext({ token: desk })).rejects.toMatchObject({ code: 'desk-busy' });
    await kiosk.service.finishVisit({ token: desk });
    await expect(kiosk.service.callNext({ token: desk })).resolves.toMatchObject({ number: 'A-002' });
    await kiosk.service.markNoShow({ token: desk });
    await expect(kiosk.service.callNext({ token: desk })).resolves.toBeNull();
  });

  it('marks a no-show and refuses steps the current visit does not allow', async () => {
    const ticket = await kiosk.issue('passport');
    const desk = await kiosk.signIn('2');
    await expect(kiosk.service.startVisit({ token: desk })).rejects.toMatchObject({ code: 'no-current-visit' });
    await kiosk.service.callNext({ token: desk });
    await kiosk.service.startVisit({ token: desk });
    // A visitor at the desk is not a no-show, and a serving visit is not called again.
    await expect(kiosk.service.markNoShow({ token: desk })).rejects.toMatchObject({ code: 'no-current-visit' });
    await expect(kiosk.service.recallTicket({ token: desk })).rejects.toMatchObject({ code: 'no-current-visit' });
    await kiosk.service.finishVisit({ token: desk });

    const second = await kiosk.issue('passport');
    await kiosk.service.callNext({ token: desk });
    const noShow = await kiosk.service.markNoShow({ token: desk });
    expect(noShow).toMatchObject({ id: second.id, state: 'no-show', noShowAt: kiosk.clock.now().toISOString() });
    await expect(kiosk.service.markNoShow({ token: desk })).rejects.toMatchObject({ code: 'no-current-visit' });
    expect(historyOf(kiosk, second.id).map((row) => row.kind)).toEqual(['issued', 'called', 'no-show']);
    expect(kiosk.store.getTicket(ticket.id)?.state).toBe('done');
  });

  it('transfers a visit to another service keeping its number and its place by issue order', async () => {
    const passport = await kiosk.issue('passport');
    const notary = await kiosk.issue('notary');
    const passportDesk = await kiosk.signIn('2');
    const notaryDesk = await kiosk.signIn('3');
    await kiosk.service.callNext({ token: passportDesk });
    await expect(kiosk.service.transferVisit({ token: passportDesk, serviceId: 'no-such' })).rejects.toMatchObject({
      code: 'unknown-service',
      message: expect.stringContaining('serviceId'),
    });
    await expect(kiosk.service.transferVisit({ token: passportDesk, serviceId: 'passport' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    const moved = await kiosk.service.transferVisit({ token: passportDesk, serviceId: 'notary' });
    expect(moved).toMatchObject({
      number: passport.number,
      state: 'waiting',
      serviceId: 'notary',
      transferredFrom: 'passport',
      deskId: null,
      calledAt: null,
    });
    // The passport desk is free again and its queue is empty; the notary desk sees the ticket.
    await expect(kiosk.service.getDeskState({ token: passportDesk })).resolves.toMatchObject({
      current: null,
      waiting: [],
    });
    const notaryState = await kiosk.service.getDeskState({ token: notaryDesk });
    expect(notaryState.waiting.map((ticket) => ticket.number)).toEqual([passport.number, notary.number]);
    await expect(kiosk.service.callNext({ token: notaryDesk })).resolves.toMatchObject({
      number: 'A-001',
      deskId: '3',
      serviceId: 'notary',
    });
    expect(historyOf(kiosk, passport.id)).toEqual([
      { kind: 'issued', desk_id: null, service_id: 'passport' },
      { kind: 'called', desk_id: '2', service_id: 'passport' },
      { kind: 'transferred', desk_id: '2', service_id: 'notary' },
      { kind: 'called', desk_id: '3', service_id: 'notary' },
    ]);
  });

  it('refuses to end a no-show by number: it was not served, so it is neither counted as served nor rated', async () => {
    const ticket = await kiosk.issue('passport');
    const desk = await kiosk.signIn('2');
    await kiosk.service.callNext({ token: desk });
    await kiosk.service.markNoShow({ token: desk });
    await expect(kiosk.service.endVisit({ number: ticket.number })).rejects.toMatchObject({
      code: 'no-current-visit',
      message: expect.stringContaining(`${ticket.number} is no-show`),
    });
    expect(kiosk.store.getTicket(ticket.id)).toMatchObject({ state: 'no-show', visitEndedAt: null });
    expect(historyOf(kiosk, ticket.id).map((row) => row.kind)).toEqual(['issued', 'called', 'no-show']);
    expect(kiosk.events.filter((frame) => frame.event === 'visitEnded')).toHaveLength(0);
  });

  it('ends a visit by number through the same finish, from waiting or from a desk', async () => {
    const waiting = await kiosk.issue('passport');
    const atDesk = await kiosk.issue('passport');
    const desk = await kiosk.signIn('1');
    await kiosk.service.endVisit({ number: ' a-001 ' });
    expect(kiosk.store.getTicket(waiting.id)).toMatchObject({ state: 'done', deskId: null });
    await kiosk.service.callNext({ token: desk });
    const ended = await kiosk.service.endVisit({ number: atDesk.number });
    expect(ended).toMatchObject({ state: 'done', deskId: '1' });
    // Ending it again changes nothing and announces it once more for the rating terminal.
    const again = await kiosk.service.endVisit({ number: atDesk.number });
    expect(again.visitEndedAt).toBe(ended.visitEndedAt);
    expect(historyOf(kiosk, atDesk.id).map((row) => row.kind)).toEqual(['issued', 'called', 'finished']);
    expect(kiosk.events.filter((frame) => frame.event === 'visitEnded')).toHaveLength(3);
    await expect(kiosk.service.getDeskState({ token: desk })).resolves.toMatchObject({ current: null });
  });

  it('lists the hall calls newest first, recalls included', async () => {
    await kiosk.issue('passport');
    await kiosk.issue('identity-card');
    const deskTwo = await kiosk.signIn('2');
    const deskOne = await kiosk.signIn('1');
    await kiosk.service.callNext({ token: deskTwo });
    kiosk.advance(1);
    await kiosk.service.callNext({ token: deskOne });
    kiosk.advance(1);
    await kiosk.service.recallTicket({ token: deskOne });
    const calls = await kiosk.service.listHallCalls({ limit: 8 });
    expect(calls.map(({ number, deskId, recall }) => ({ number, deskId, recall }))).toEqual([
      { number: 'A-002', deskId: '1', recall: true },
      { number: 'A-002', deskId: '1', recall: false },
      { number: 'A-001', deskId: '2', recall: false },
    ]);
    expect(calls[0]?.calledAt).toBe(kiosk.clock.now().toISOString());
    await expect(kiosk.service.listHallCalls({ limit: 1 })).resolves.toHaveLength(1);
  });

  it('never starves a normal ticket under a steady stream of priority tickets at two desks', async () => {
    const normals: Ticket[] = [];
    for (let i = 0; i < 3; i++) normals.push(await kiosk.issue('passport'));
    const desks = [await kiosk.signIn('1'), await kiosk.signIn('2')];
    const calledInOrder: Ticket[] = [];
    for (let round = 0; round < 12; round++) {
      // Two priority visitors arrive for every call: more than the desks can ever catch up with.
      await kiosk.issue('passport', 'elderly');
      await kiosk.issue('passport', 'disabled');
      const desk = desks[round % 2]!;
      const called = await kiosk.service.callNext({ token: desk });
      if (!called) throw new Error('the queue is never empty in this test');
      calledInOrder.push(called);
      kiosk.advance(1);
      await kiosk.service.finishVisit({ token: desk });
    }
    const pattern = calledInOrder.map((ticket) => (ticket.priority === null ? 'N' : 'P')).join('');
    // maxInRow 2 counted over the shared passport queue, whichever desk calls.
    expect(pattern).toBe('PPNPPNPPNPPP');
    expect(calledInOrder.filter((ticket) => ticket.priority === null).map((ticket) => ticket.id)).toEqual(
      normals.map((ticket) => ticket.id),
    );
  });

  it('shows the waiting queue in the order the desk would call it', async () => {
    await kiosk.issue('passport');
    await kiosk.issue('identity-card');
    await kiosk.issue('notary');
    await kiosk.issue('passport', 'pregnant');
    const desk = await kiosk.signIn('1');
    const state = await kiosk.service.getDeskState({ token: desk });
    expect(state.waiting.map((ticket) => ticket.number)).toEqual(['A-003', 'A-001', 'A-002']);
    expect(state.standardMinutes).toBeNull();
    await kiosk.service.callNext({ token: desk });
    await expect(kiosk.service.getDeskState({ token: desk })).resolves.toMatchObject({
      current: { number: 'A-003' },
      standardMinutes: 5,
      amberAtShare: 0.8,
    });
  });
});
