import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Rating, Ticket } from '../../../main/contract';
import { SqliteStore } from '../../../main/store/sqlite-store';
import { ManualClock, makeKiosk, tempDir } from '../../support/kiosk-fixture';

/**
 * Every vote is counted: the first face tap is stored at once (real SQLite file), the reasons and a
 * changed mind are added to the same rating within the screen's time (`rating.changeSeconds`), the
 * history keeps each step, and the main process enforces the repeat-tap filter and the time itself.
 */
describe('a rating stored at the tap', () => {
  let dir: ReturnType<typeof tempDir>;
  let dbFile: string;
  let clock: ManualClock;
  let kiosk: ReturnType<typeof makeKiosk>;
  let ticket: Ticket;
  let given: Rating[];

  const seconds = (n: number) => clock.set(new Date(clock.now().getTime() + n * 1000));

  beforeEach(async () => {
    dir = tempDir();
    dbFile = join(dir.path, 'kiosk.sqlite');
    clock = new ManualClock(new Date('2026-11-22T09:00:00Z'));
    kiosk = makeKiosk({ dbFile, clock, config: { rating: { repeatTapSeconds: 3, changeSeconds: 60 } } });
    ticket = await kiosk.service.issueTicket({ serviceId: 'notary', language: 'uz' });
    await kiosk.service.endVisit({ number: ticket.number });
    given = [];
    kiosk.core.subscribe((event, payload) => {
      if (event === 'ratingGiven') given.push(payload as Rating);
    });
  });
  afterEach(() => {
    kiosk.store.close();
    dir.remove();
  });

  /** What another process reading the file sees: the row and its history, committed. */
  function onDisk() {
    const reader = new SqliteStore(dbFile);
    try {
      return { rating: reader.getRating(ticket.id), events: reader.listRatingEvents(ticket.id) };
    } finally {
      reader.close();
    }
  }

  it('the first tap is stored at once, with one "tapped" history row, and the visit counts as offered', async () => {
    const rating = await kiosk.service.submitRating({ ticketId: ticket.id, score: 1 });
    expect(rating).toMatchObject({ ticketId: ticket.id, score: 1, reasons: [], language: 'uz' });
    const { rating: stored, events } = onDisk();
    expect(stored).toEqual(rating);
    expect(events.map((event) => [event.kind, event.score])).toEqual([['tapped', 1]]);
    expect(kiosk.store.listRatingOffers(ticket.localDay)).toEqual([ticket.id]);
    expect(given).toEqual([rating]);
  });

  it('2 then 4 within the screen’s time: score 4, two history rows, reasons dropped with the low score', async () => {
    await kiosk.service.submitRating({ ticketId: ticket.id, score: 2 });
    seconds(1);
    await kiosk.service.setRatingReasons({ ticketId: ticket.id, reasons: ['staff'] });
    seconds(4);
    const changed = await kiosk.service.submitRating({ ticketId: ticket.id, score: 4 });
    expect(changed).toMatchObject({ score: 4, reasons: [] });
    const { rating, events } = onDisk();
    expect(rating?.score).toBe(4);
    expect(events.filter((event) => event.kind !== 'reasons-set').map((event) => [event.kind, event.score])).toEqual([
      ['tapped', 2],
      ['changed', 4],
    ]);
    expect(events.map((event) => event.kind)).toEqual(['tapped', 'reasons-set', 'changed']);
    // The first tap's time stays the rating's time; the history has when it changed.
    expect(rating?.ratedAt).toBe(events[0]?.at);
  });

  it('a second tap within repeatTapSeconds changes nothing, on the server too', async () => {
    await kiosk.service.submitRating({ ticketId: ticket.id, score: 2 });
    seconds(2);
    const repeated = await kiosk.service.submitRating({ ticketId: ticket.id, score: 5 });
    expect(repeated.score).toBe(2);
    expect(onDisk().events).toHaveLength(1);
    // The same face again is no change either.
    seconds(5);
    expect((await kiosk.service.submitRating({ ticketId: ticket.id, score: 2 })).score).toBe(2);
    expect(onDisk().events).toHaveLength(1);
  });

  it('reasons chosen after the tap are added to the same rating row; each new set replaces the last', async () => {
    await kiosk.service.submitRating({ ticketId: ticket.id, score: 1 });
    seconds(3);
    await kiosk.service.setRatingReasons({ ticketId: ticket.id, reasons: ['waiting-time'] });
    seconds(2);
    const rating = await kiosk.service.setRatingReasons({ ticketId: ticket.id, reasons: ['waiting-time', 'premises'] });
    expect(rating).toMatchObject({ score: 1, reasons: ['waiting-time', 'premises'] });
    // The same set again (a repeated message) writes nothing.
    await kiosk.service.setRatingReasons({ ticketId: ticket.id, reasons: ['premises', 'waiting-time'] });
    const disk = onDisk();
    expect(disk.rating).toMatchObject({ score: 1, reasons: ['waiting-time', 'premises'] });
    expect(disk.events.map((event) => [event.kind, event.reasons])).toEqual([
      ['tapped', []],
      ['reasons-set', ['waiting-time']],
      ['reasons-set', ['waiting-time', 'premises']],
    ]);
    expect(given.map((event) => event.reasons.length)).toEqual([0, 1, 2]);
  });

  it('a change to another low score keeps the reasons chosen', async () => {
    await kiosk.service.submitRating({ ticketId: ticket.id, score: 1 });
    await kiosk.service.setRatingReasons({ ticketId: ticket.id, reasons: ['result'] });
    seconds(5);
    expect(await kiosk.service.submitRating({ ticketId: ticket.id, score: 2 })).toMatchObject({
      score: 2,
      reasons: ['result'],
    });
  });

  it('after the screen’s time the rating is final: a change or reasons are refused as already-rated', async () => {
    await kiosk.service.submitRating({ ticketId: ticket.id, score: 2 });
    seconds(61);
    await expect(kiosk.service.submitRating({ ticketId: ticket.id, score: 5 })).rejects.toMatchObject({
      code: 'already-rated',
    });
    await expect(kiosk.service.setRatingReasons({ ticketId: ticket.id, reasons: ['staff'] })).rejects.toMatchObject({
      code: 'already-rated',
    });
    expect(onDisk()).toMatchObject({ rating: { score: 2, reasons: [] }, events: [{ kind: 'tapped' }] });
  });

  it('refuses reasons before a face, with a high score, or not offered on this kiosk, and writes nothing', async () => {
    await expect(kiosk.service.setRatingReasons({ ticketId: ticket.id, reasons: ['staff'] })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('a face comes first'),
    });
    await kiosk.service.submitRating({ ticketId: ticket.id, score: 5 });
    await expect(kiosk.service.setRatingReasons({ ticketId: ticket.id, reasons: ['staff'] })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('reasons: only given with a score of 2 or less'),
    });
    await expect(kiosk.service.setRatingReasons({ ticketId: 999, reasons: [] })).rejects.toMatchObject({
      code: 'ticket-not-found',
    });
    expect(onDisk().events).toHaveLength(1);
  });

  it('ratingOffered is stored once per visit, whatever the number of screens, and only for an ended visit', async () => {
    const first = await kiosk.service.ratingOffered({ ticketId: ticket.id });
    seconds(30);
    const again = await kiosk.service.ratingOffered({ ticketId: ticket.id });
    expect(again).toEqual(first);
    expect(first.offeredAt).toBe('2026-11-22T09:00:00.000Z');
    expect(kiosk.store.listRatingOffers(ticket.localDay)).toEqual([ticket.id]);
    const waiting = await kiosk.service.issueTicket({ serviceId: 'notary', language: 'en' });
    await expect(kiosk.service.ratingOffered({ ticketId: waiting.id })).rejects.toMatchObject({
      code: 'visit-not-ended',
    });
  });
});
