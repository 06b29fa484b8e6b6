import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ticketQrContent } from '../../../main/contract';
import { parseRatingCode } from '../../../main/core/rating/rating-code';
import { withDeskPinHash } from '../../../main/core/auth/pin-settings';
import { makeDeskKiosk, type DeskKiosk } from '../../support/desk-fixture';

describe('the wait estimate', () => {
  let kiosk: DeskKiosk;
  beforeEach(() => {
    kiosk = makeDeskKiosk({ queue: { minFinishedForAverage: 2, averageWindow: 3, longWaitMinutes: 9 } });
  });
  afterEach(() => kiosk.close());

  it('gives no minutes while no desk is open for the service, and counts the people ahead', async () => {
    await kiosk.issue('passport');
    await kiosk.issue('passport', 'elderly');
    await expect(kiosk.service.getWaitEstimate({ serviceId: 'passport' })).resolves.toEqual({
      peopleAhead: 2,
      minutes: null,
      long: false,
    });
    // A priority visitor only waits behind the priority tickets already there.
    await expect(kiosk.service.getWaitEstimate({ serviceId: 'passport', priority: 'elderly' })).resolves.toMatchObject({
      peopleAhead: 1,
    });
    await expect(kiosk.service.getWaitEstimate({ serviceId: 'nope' })).rejects.toMatchObject({
      code: 'unknown-service',
    });
  });

  it('uses the standard minutes, then the rolling average of served visits, over the desks open', async () => {
    for (let i = 0; i < 4; i++) await kiosk.issue('passport');
    const deskTwo = await kiosk.signIn('2');
    // Passport's standard is 5 minutes: 4 ahead × 5 ÷ 1 desk.
    await expect(kiosk.service.getWaitEstimate({ serviceId: 'passport' })).resolves.toEqual({
      peopleAhead: 4,
      minutes: 20,
      long: true,
    });
    await kiosk.signIn('4');
    await expect(kiosk.service.getWaitEstimate({ serviceId: 'passport' })).resolves.toMatchObject({ minutes: 10 });
    // Two served visits of 2 and 4 minutes: the average (3) replaces the standard.
    for (const minutes of [2, 4]) {
      await kiosk.service.callNext({ token: deskTwo });
      await kiosk.service.startVisit({ token: deskTwo });
      kiosk.advance(minutes);
      await kiosk.service.finishVisit({ token: deskTwo });
    }
    await expect(kiosk.service.getWaitEstimate({ serviceId: 'passport' })).resolves.toEqual({
      peopleAhead: 2,
      minutes: 3,
      long: false,
    });
  });

  it('stores the estimate with each ticket and prints it with the priority category', async () => {
    await kiosk.signIn('2');
    await kiosk.issue('passport');
    const second = await kiosk.issue('passport', 'elderly');
    const third = await kiosk.issue('passport');
    expect(second).toMatchObject({ peopleAhead: 0, estimatedWaitMinutes: 0 });
    expect(third).toMatchObject({ peopleAhead: 2, estimatedWaitMinutes: 10 });
    expect(kiosk.printer.printed[1]).toMatchObject({
      priorityLabel: 'Пожилой возраст',
      peopleAhead: 0,
      waitMinutes: 0,
    });
    expect(kiosk.printer.printed[2]).toMatchObject({ priorityLabel: null, peopleAhead: 2, waitMinutes: 10 });
  });
});

describe('rating a visit', () => {
  let kiosk: DeskKiosk;
  beforeEach(() => {
    kiosk = makeDeskKiosk({ rating: { lowScoreAtMost: 2, windowMinutes: 30, reasons: ['staff', 'waiting-time'] } });
  });
  afterEach(() => kiosk.close());

  const servedTicket = async () => {
    const ticket = await kiosk.issue('passport');
    const desk = await kiosk.signIn('2');
    await kiosk.service.callNext({ token: desk });
    await kiosk.service.finishVisit({ token: desk });
    return ticket;
  };

  it('stores reasons, service, desk and the end of the visit with the score', async () => {
    const ticket = await servedTicket();
    const ended = kiosk.store.getTicket(ticket.id)!;
    kiosk.advance(2);
    const rating = await kiosk.service.submitRating({ ticketId: ticket.id, score: 1, reasons: ['staff', 'staff'] });
    expect(rating).toEqual({
      ticketId: ticket.id,
      score: 1,
      reasons: ['staff'],
      language: 'ru',
      serviceId: 'passport',
      deskId: '2',
      visitEndedAt: ended.visitEndedAt,
      ratedAt: kiosk.clock.now().toISOString(),
    });
    expect(kiosk.store.getRating(ticket.id)).toEqual(rating);
    expect(kiosk.store.listRatings(ticket.localDay)).toEqual([rating]);
  });

  it('refuses reasons with a high score, reasons not offered, and ratings after the window', async () => {
    const ticket = await servedTicket();
    await expect(
      kiosk.service.submitRating({ ticketId: ticket.id, score: 3, reasons: ['staff'] }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('reasons') });
    await expect(
      kiosk.service.submitRating({ ticketId: ticket.id, score: 1, reasons: ['premises'] }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('premises') });
    kiosk.advance(31);
    await expect(kiosk.service.submitRating({ ticketId: ticket.id, score: 5 })).rejects.toMatchObject({
      code: 'rating-time-over',
    });
    expect(kiosk.store.getRating(ticket.id)).toBeUndefined();
  });

  it('refuses the neutral score when the rating screen shows four faces', async () => {
    kiosk.close();
    kiosk = makeDeskKiosk({ rating: { faces: 4 } });
    const ticket = await servedTicket();
    await expect(kiosk.service.submitRating({ ticketId: ticket.id, score: 3 })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('score'),
    });
    await expect(kiosk.service.submitRating({ ticketId: ticket.id, score: 4 })).resolves.toMatchObject({ score: 4 });
  });

  it('finds a visit by typed number or QR code, and says why it cannot be rated', async () => {
    const waiting = await kiosk.issue('notary');
    const ticket = await servedTicket();
    for (const code of ['a-001', 'A001', ' A-001 ', 'А-1', ticketQrContent('kiosk-1', ticket)]) {
      await expect(kiosk.service.findTicketForRating({ code })).resolves.toMatchObject({ id: ticket.id });
    }
    await expect(kiosk.service.findTicketForRating({ code: ticketQrContent('kiosk-7', ticket) })).rejects.toMatchObject(
      { code: 'ticket-not-found', message: expect.stringContaining('kiosk-7') },
    );
    await expect(
      kiosk.service.findTicketForRating({ code: ticketQrContent('kiosk-1', { ...ticket, localDay: '2026-11-19' }) }),
    ).rejects.toMatchObject({ code: 'ticket-not-found', message: expect.stringContaining('2026-11-19') });
    await expect(kiosk.service.findTicketForRating({ code: 'hello' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('code'),
    });
    await expect(kiosk.service.findTicketForRating({ code: 'C-001' })).rejects.toMatchObject({
      code: 'ticket-not-found',
    });
    await expect(kiosk.service.findTicketForRating({ code: waiting.number })).rejects.toMatchObject({
      code: 'visit-not-ended',
    });
    await kiosk.service.submitRating({ ticketId: ticket.id, score: 5 });
    await expect(kiosk.service.findTicketForRating({ code: 'A-001' })).rejects.toMatchObject({
      code: 'already-rated',
    });
    const late = await servedTicket();
    kiosk.advance(31);
    await expect(kiosk.service.findTicketForRating({ code: late.number })).rejects.toMatchObject({
      code: 'rating-time-over',
    });
  });
});

describe('reading rating codes and desk PIN settings', () => {
  it('reads typed numbers in Latin or Cyrillic letters and ticket QR codes', () => {
    expect(parseRatingCode(' b 12 ')).toMatchObject({ group: 'B', sequence: 12 });
    expect(parseRatingCode('АВ-007')).toMatchObject({ group: 'AB', sequence: 7 });
    expect(parseRatingCode('KIOSK-TICKET:bus-2:2026-11-20:C-010')).toEqual({
      group: 'C',
      sequence: 10,
      display: 'C-010',
      kioskId: 'bus-2',
      localDay: '2026-11-20',
    });
    expect(parseRatingCode('http://10.20.0.2:8787/t/0A1B2C3D-0000-4000-8000-00000000000F')).toEqual({
      ref: '0a1b2c3d-0000-4000-8000-00000000000f',
    });
    expect(parseRatingCode('https://hall.lan/kiosk/t/0a1b2c3d-0000-4000-8000-00000000000f')).toMatchObject({
      ref: '0a1b2c3d-0000-4000-8000-00000000000f',
    });
    expect(parseRatingCode('http://10.20.0.2:8787/t/not-a-ref')).toBeUndefined();
    expect(parseRatingCode('A-')).toBeUndefined();
    expect(parseRatingCode('KIOSK-TICKET:bus-2:2026-11-20:?')).toBeUndefined();
  });

  it('sets one desk PIN hash, keeping the other settings, and adds a desk not listed yet', () => {
    const settings = { centreName: 'X', desks: [{ id: '1', serviceIds: ['passport'], pinHash: null }] };
    expect(withDeskPinHash(settings, '1', 'h1')).toEqual({
      settings: { centreName: 'X', desks: [{ id: '1', serviceIds: ['passport'], pinHash: 'h1' }] },
      added: false,
    });
    expect(withDeskPinHash(settings, '2', 'h2').settings.desks).toEqual([
      { id: '1', serviceIds: ['passport'], pinHash: null },
      { id: '2', serviceIds: ['*'], pinHash: 'h2' },
    ]);
    expect(() => withDeskPinHash(settings, 'desk one', 'h')).toThrow(/--desk/);
    expect(() => withDeskPinHash({ desks: 'no' }, '1', 'h')).toThrow(/desks/);
  });
});
