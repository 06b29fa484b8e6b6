import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phoneLink } from '../../main/contract';
import { makeDeskKiosk, type DeskKiosk } from '../support/desk-fixture';

/*
 * The phone page's calls on the hall server, in one process over a real SQLite file: a visitor's
 * phone follows the ticket by its ref (the one its kiosk chose), sees the desk when called and rates
 * the visit, counted once with the kiosks' ratings. The page itself: test/e2e/phone.test.ts.
 */

const REF = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PHONE_URL = 'http://10.20.0.2:8787';

describe("the phone page's calls on the hall server (one SQLite file, in process)", () => {
  let hall: DeskKiosk;
  const take = (n: number, serviceId = 'passport') =>
    hall.service.hallIssueTicket({ kioskId: 'kiosk-1', originRef: REF(n), serviceId, language: 'kk' });

  beforeEach(() => {
    hall = makeDeskKiosk({ role: 'hall-server', hall: { phoneUrl: PHONE_URL } });
  });
  afterEach(() => hall.close());

  it('follows a ticket from the queue to the desk, with people ahead and the desk number', async () => {
    await take(1);
    await take(2);
    const desks = await hall.signIn('2');
    expect(await hall.service.getPhoneTicket({ ref: REF(2) })).toMatchObject({
      number: 'A-002',
      language: 'kk',
      today: true,
      state: 'waiting',
      peopleAhead: 1,
      deskId: null,
      canRate: false,
      score: null,
    });
    await hall.service.callNext({ token: desks });
    expect(await hall.service.getPhoneTicket({ ref: REF(2) })).toMatchObject({ state: 'waiting', peopleAhead: 0 });
    expect(await hall.service.getPhoneTicket({ ref: REF(1) })).toMatchObject({ state: 'called', deskId: '2' });
  });

  it('rates the visit once it ended, counted once with the kiosks’ (a second tap elsewhere changes the same rating)', async () => {
    await take(3);
    const desk = await hall.signIn('2');
    await hall.service.callNext({ token: desk });
    await hall.service.startVisit({ token: desk });
    await expect(hall.service.ratePhoneTicket({ ref: REF(3), score: 5 })).rejects.toMatchObject({
      code: 'visit-not-ended',
    });
    await expect(hall.service.phoneRatingOffered({ ref: REF(3) })).rejects.toMatchObject({ code: 'visit-not-ended' });
    await hall.service.finishVisit({ token: desk });
    expect(await hall.service.getPhoneTicket({ ref: REF(3) })).toMatchObject({ state: 'done', canRate: true });
    // The page shows the faces (each time it opens): one offer, as a kiosk's screen counts it.
    const offer = await hall.service.phoneRatingOffered({ ref: REF(3) });
    expect(await hall.service.phoneRatingOffered({ ref: REF(3) })).toEqual(offer);
    expect(await hall.service.ratePhoneTicket({ ref: REF(3), score: 2, reasons: ['waiting-time'] })).toMatchObject({
      score: 2,
      canRate: true,
    });
    // The same visit scanned at a kiosk by its QR code (the phone link) finds it rated.
    await expect(hall.service.findTicketForRating({ code: phoneLink(PHONE_URL, REF(3)) })).rejects.toMatchObject({
      code: 'already-rated',
    });
    hall.advance(2);
    expect(await hall.service.getPhoneTicket({ ref: REF(3) })).toMatchObject({ score: 2, canRate: false });
    const report = await hall.service.getDayReport({ token: desk });
    expect(report.totals.ratings).toMatchObject({ count: 1, distribution: [0, 1, 0, 0, 0] });
    expect(report.totals.ratings.offered).toBe(1);
  });

  it('counts the faces shown on a phone as offered, so a visit seen and not rated lowers the response rate', async () => {
    await take(4);
    const desk = await hall.signIn('2');
    await hall.service.callNext({ token: desk });
    await hall.service.startVisit({ token: desk });
    await hall.service.finishVisit({ token: desk });
    await hall.service.phoneRatingOffered({ ref: REF(4) });
    const report = await hall.service.getDayReport({ token: desk });
    expect(report.totals.ratings).toMatchObject({ count: 0, offered: 1, responseRate: 0 });
  });

  it('stores the chips tapped after a low face with the score standing, and says a recall anew', async () => {
    await take(6);
    const desk = await hall.signIn('2');
    await hall.service.callNext({ token: desk });
    const called = await hall.service.getPhoneTicket({ ref: REF(6) });
    expect(called).toMatchObject({ state: 'called', recalls: 0 });
    await hall.service.recallTicket({ token: desk });
    // The same call, made again: the page alerts once more (calledAt stays the first call's).
    expect(await hall.service.getPhoneTicket({ ref: REF(6) })).toMatchObject({ calledAt: called.calledAt, recalls: 1 });
    await hall.service.startVisit({ token: desk });
    await hall.service.finishVisit({ token: desk });
    expect(await hall.service.ratePhoneTicket({ ref: REF(6), score: 1 })).toMatchObject({ score: 1, reasons: [] });
    expect(await hall.service.ratePhoneTicket({ ref: REF(6), score: 1, reasons: ['staff'] })).toMatchObject({
      score: 1,
      reasons: ['staff'],
    });
    expect(
      await hall.service.ratePhoneTicket({ ref: REF(6), score: 1, reasons: ['staff', 'waiting-time'] }),
    ).toMatchObject({ score: 1, reasons: ['staff', 'waiting-time'] });
    // The same face without reasons leaves the chips as they stand.
    expect(await hall.service.ratePhoneTicket({ ref: REF(6), score: 1 })).toMatchObject({
      reasons: ['staff', 'waiting-time'],
    });
    expect(await hall.service.ratePhoneTicket({ ref: REF(6), score: 1, reasons: [] })).toMatchObject({ reasons: [] });
    // After the screen's time the rating is final, chips too.
    hall.advance(2);
    await expect(hall.service.ratePhoneTicket({ ref: REF(6), score: 1, reasons: ['staff'] })).rejects.toMatchObject({
      code: 'already-rated',
    });
  });

  it('finds a visit by its phone link at a kiosk, to rate it there', async () => {
    const ticket = await take(4);
    const desk = await hall.signIn('2');
    await hall.service.callNext({ token: desk });
    await hall.service.startVisit({ token: desk });
    await hall.service.finishVisit({ token: desk });
    const found = await hall.service.findTicketForRating({ code: ` ${phoneLink(PHONE_URL, REF(4))} ` });
    expect(found.id).toBe(ticket.id);
  });

  it('says a ticket of an earlier day is one, without a place in today’s queue', async () => {
    await take(5);
    hall.advance(24 * 60);
    expect(await hall.service.getPhoneTicket({ ref: REF(5) })).toMatchObject({
      today: false,
      peopleAhead: null,
      canRate: false,
    });
  });

  it('answers a ref it does not hold as not found, the same for one never issued and one not yet handed over', async () => {
    await expect(hall.service.getPhoneTicket({ ref: REF(99) })).rejects.toMatchObject({ code: 'ticket-not-found' });
    await expect(hall.service.ratePhoneTicket({ ref: REF(99), score: 4 })).rejects.toMatchObject({
      code: 'ticket-not-found',
    });
  });

  it('tells each kiosk the phone page address, and shows it to the screens', async () => {
    expect(await hall.service.hallKioskSetup({ kioskId: 'kiosk-1' })).toMatchObject({ phoneUrl: PHONE_URL });
    expect(await hall.service.getKioskInfo({})).toMatchObject({ phoneUrl: PHONE_URL });
  });
});
