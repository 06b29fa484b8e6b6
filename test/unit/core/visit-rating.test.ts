import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventFrame } from '../../../main/contract';
import { ManualClock, makeKiosk, tempDir } from '../../support/kiosk-fixture';

describe('ending a visit and rating it', () => {
  let dir: ReturnType<typeof tempDir>;
  let kiosk: ReturnType<typeof makeKiosk>;
  let events: EventFrame[];
  let clock: ManualClock;
  beforeEach(() => {
    dir = tempDir();
    clock = new ManualClock(new Date('2026-11-22T09:00:00Z'));
    kiosk = makeKiosk({ dbFile: join(dir.path, 'kiosk.sqlite'), clock });
    events = [];
    kiosk.core.subscribe((event, payload) => events.push({ event, payload } as EventFrame));
  });
  afterEach(() => {
    kiosk.store.close();
    dir.remove();
  });

  it('ends a visit by number and announces it with the visitor language', async () => {
    const ticket = await kiosk.service.issueTicket({ serviceId: 'passport', language: 'ru' });
    const ended = await kiosk.service.endVisit({ number: 'a-001' });
    expect(ended).toMatchObject({ id: ticket.id, language: 'ru' });
    // The kiosk's clock stands still in this test: the visit ends at the moment it was issued.
    expect(ended.visitEndedAt).toBe('2026-11-22T09:00:00.000Z');
    expect(events.map((frame) => frame.event)).toEqual(['ticketIssued', 'visitChanged', 'visitEnded']);
  });

  it('stores one rating linked to the ticket and refuses a second once the screen’s time is over', async () => {
    const ticket = await kiosk.service.issueTicket({ serviceId: 'notary', language: 'kk' });
    await kiosk.service.endVisit({ number: ticket.number });
    const rating = await kiosk.service.submitRating({ ticketId: ticket.id, score: 4 });
    expect(rating).toMatchObject({ ticketId: ticket.id, score: 4, language: 'kk' });
    expect(kiosk.store.getRating(ticket.id)?.score).toBe(4);
    // A second visitor (or tablet) after the rating screen's time: the first answer stands.
    clock.set(new Date(Date.parse(rating.ratedAt) + (kiosk.config.rating.changeSeconds + 1) * 1000));
    await expect(kiosk.service.submitRating({ ticketId: ticket.id, score: 1 })).rejects.toMatchObject({
      code: 'already-rated',
    });
    expect(kiosk.store.getRating(ticket.id)?.score).toBe(4);
  });

  it('refuses a rating before the visit has ended, and for an unknown ticket', async () => {
    const ticket = await kiosk.service.issueTicket({ serviceId: 'notary', language: 'en' });
    await expect(kiosk.service.submitRating({ ticketId: ticket.id, score: 5 })).rejects.toMatchObject({
      code: 'visit-not-ended',
    });
    await expect(kiosk.service.submitRating({ ticketId: 999, score: 5 })).rejects.toMatchObject({
      code: 'ticket-not-found',
    });
    await expect(kiosk.service.endVisit({ number: 'Z-999' })).rejects.toMatchObject({ code: 'ticket-not-found' });
  });
});
