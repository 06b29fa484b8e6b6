import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PhoneTicket } from '../../../main/contract';
import { CALL_VIBRATION, vibrate, type Vibrator } from '../../../renderer/src/phone/vibration';
import {
  chosenFace,
  chosenReasons,
  INITIAL_PHONE_RATING,
  phoneRatingStep,
  toggleReason,
  type PhoneRatingAction,
  type PhoneRatingState,
} from '../../../renderer/src/phone/phone-rating';
import {
  callKey,
  formatDay,
  MAX_RETRY_MS,
  newCall,
  nextPollMs,
  NOT_FOUND_POLL_MS,
  pageLanguage,
  phoneScreen,
  POLL_MS,
  refFromFragment,
  type Known,
} from '../../../renderer/src/phone/phone-view';

/*
 * The phone page's pure parts: what a ticket's state shows, when a call is new, how often the page
 * asks, its language and the rating's own state. The page itself, over a real hall server:
 * test/e2e/phone.test.ts.
 */

const REF = '0f8fad5b-d9cb-469f-a165-70867728950e';

function phoneTicket(overrides: Partial<PhoneTicket> = {}): PhoneTicket {
  return {
    number: 'A-002',
    serviceId: 'passport',
    language: 'kk',
    localDay: '2026-11-20',
    today: true,
    state: 'waiting',
    peopleAhead: 3,
    estimatedWaitMinutes: 12,
    deskId: null,
    calledAt: null,
    recalls: 0,
    score: null,
    reasons: [],
    canRate: false,
    centreName: 'ASAN xidmət Bakı 1',
    timeZone: 'Asia/Baku',
    ...overrides,
  };
}

const known = (overrides: Partial<PhoneTicket> = {}): Known => ({ kind: 'ticket', ticket: phoneTicket(overrides) });
const NOT_RATED_HERE = { ratedHere: false, closed: false };
const CALLED_AT = '2026-11-20T08:10:00.000Z';

describe('the ticket’s ref in the address', () => {
  it('is read from the fragment the /t/<ref> link answers with, whatever its case', () => {
    expect(refFromFragment(`#t=${REF}`)).toBe(REF);
    expect(refFromFragment(`#t=${REF.toUpperCase()}`)).toBe(REF);
  });

  it('is none without a fragment, or with anything but a UUID', () => {
    expect(refFromFragment('')).toBeNull();
    expect(refFromFragment('#token=abc')).toBeNull();
    expect(refFromFragment('#t=A-002')).toBeNull();
    expect(refFromFragment('#t=../../api/call/getKioskInfo')).toBeNull();
  });
});

describe('what the page shows for a ticket', () => {
  it('asks for a link without a ref, waits for the first answer, and says a ticket is not known (yet)', () => {
    expect(phoneScreen(null, NOT_RATED_HERE)).toEqual({ name: 'no-link' });
    expect(phoneScreen({ kind: 'loading' }, NOT_RATED_HERE)).toEqual({ name: 'loading' });
    expect(phoneScreen({ kind: 'not-found' }, NOT_RATED_HERE)).toEqual({ name: 'not-found' });
  });

  it('shows people ahead and the minutes while waiting; no minutes when no desk is open', () => {
    expect(phoneScreen(known(), NOT_RATED_HERE)).toEqual({ name: 'waiting', peopleAhead: 3, minutes: 12 });
    expect(phoneScreen(known({ estimatedWaitMinutes: null }), NOT_RATED_HERE)).toEqual({
      name: 'waiting',
      peopleAhead: 3,
      minutes: null,
    });
  });

  it('shows the desk when called and while serving, and a calm text after a no-show', () => {
    expect(phoneScreen(known({ state: 'called', deskId: '2', calledAt: CALLED_AT }), NOT_RATED_HERE)).toEqual({
      name: 'called',
      deskId: '2',
    });
    expect(phoneScreen(known({ state: 'serving', deskId: '2' }), NOT_RATED_HERE)).toEqual({
      name: 'serving',
      deskId: '2',
    });
    expect(phoneScreen(known({ state: 'no-show' }), NOT_RATED_HERE)).toEqual({ name: 'no-show' });
  });

  it('says a ticket of an earlier day is one, whatever its state then', () => {
    for (const state of ['waiting', 'called', 'done'] as const)
      expect(phoneScreen(known({ today: false, state, localDay: '2026-11-17' }), NOT_RATED_HERE)).toEqual({
        name: 'earlier-day',
        day: '2026-11-17',
      });
  });

  it('after the visit: the rating while a face is taken, else that the time to rate is over', () => {
    expect(phoneScreen(known({ state: 'done', canRate: true }), NOT_RATED_HERE)).toEqual({ name: 'rate' });
    expect(phoneScreen(known({ state: 'done', canRate: false }), NOT_RATED_HERE)).toEqual({ name: 'rating-over' });
  });

  it('keeps the rating on show for the visitor who rated here until Done or the screen’s time is over, then thanks with the score', () => {
    const rated = known({ state: 'done', score: 2, canRate: true });
    expect(phoneScreen(rated, { ratedHere: true, closed: false })).toEqual({ name: 'rate' });
    expect(phoneScreen(rated, { ratedHere: true, closed: true })).toEqual({ name: 'rated', score: 2 });
    expect(phoneScreen(known({ state: 'done', score: 2, canRate: false }), { ratedHere: true, closed: false })).toEqual(
      { name: 'rated', score: 2 },
    );
    // Rated on a kiosk or a tablet: the score with thanks, not a second rating.
    expect(phoneScreen(rated, NOT_RATED_HERE)).toEqual({ name: 'rated', score: 2 });
  });
});

describe('a call, alerted once', () => {
  const called = phoneTicket({ state: 'called', deskId: '2', calledAt: CALLED_AT });

  it('is new the first time the page sees it, and not again at the next answers', () => {
    const first = newCall(null, called);
    expect(first).not.toBeNull();
    expect(newCall(first, called)).toBeNull();
    expect(newCall(first, { ...called, peopleAhead: null })).toBeNull();
  });

  it('is new again at a recall (same calledAt, one more recall) and at a call after a transfer', () => {
    const first = newCall(null, called)!;
    const recall = newCall(first, { ...called, recalls: 1 });
    expect(recall).not.toBeNull();
    expect(newCall(recall, { ...called, calledAt: '2026-11-20T08:30:00.000Z', deskId: '4' })).not.toBeNull();
  });

  it('is none while waiting, serving or after the visit, and for a ticket of an earlier day', () => {
    expect(callKey(phoneTicket())).toBeNull();
    expect(callKey({ ...called, state: 'serving' })).toBeNull();
    expect(callKey({ ...called, state: 'done' })).toBeNull();
    expect(callKey({ ...called, today: false })).toBeNull();
  });
});

describe('how often the page asks', () => {
  it('every few seconds while something can change', () => {
    expect(nextPollMs({ kind: 'loading' })).toBe(POLL_MS);
    for (const state of ['waiting', 'called', 'serving'] as const) expect(nextPollMs(known({ state }))).toBe(POLL_MS);
    expect(nextPollMs(known({ state: 'done', canRate: true }))).toBe(POLL_MS);
    expect(POLL_MS).toBe(5_000);
  });

  it('slowly for a ticket not known yet (its kiosk may hand it over later) and after a no-show', () => {
    expect(nextPollMs({ kind: 'not-found' })).toBe(NOT_FOUND_POLL_MS);
    expect(nextPollMs(known({ state: 'no-show' }))).toBe(NOT_FOUND_POLL_MS);
  });

  it('no more once nothing can change: an earlier day, a visit whose rating is settled', () => {
    expect(nextPollMs(known({ today: false }))).toBeNull();
    expect(nextPollMs(known({ state: 'done', canRate: false, score: 4 }))).toBeNull();
    expect(nextPollMs(known({ state: 'done', canRate: false }))).toBeNull();
  });

  it('after failures, with a growing pause up to half a minute', () => {
    const pauses = [1, 2, 3, 4, 5, 9].map((failures) => nextPollMs({ kind: 'failed', failures }));
    expect(pauses).toEqual([5_000, 10_000, 20_000, MAX_RETRY_MS, MAX_RETRY_MS, MAX_RETRY_MS]);
  });
});

describe('the page’s language', () => {
  const hall = { hallLanguages: ['az', 'ru', 'en'] as const, hallDefault: 'az' as const };

  it('is the visitor’s choice, else the ticket’s', () => {
    expect(pageLanguage({ chosen: 'uz', ticketLanguage: 'kk', phoneLanguages: ['ru'], ...hall })).toBe('uz');
    expect(pageLanguage({ chosen: null, ticketLanguage: 'kk', phoneLanguages: ['ru'], ...hall })).toBe('kk');
  });

  it('without a ticket: the phone’s own language when the hall offers it, else the hall’s default', () => {
    expect(pageLanguage({ chosen: null, ticketLanguage: null, phoneLanguages: ['de-DE', 'ru-RU'], ...hall })).toBe(
      'ru',
    );
    expect(pageLanguage({ chosen: null, ticketLanguage: null, phoneLanguages: ['ky-KG'], ...hall })).toBe('az');
    expect(pageLanguage({ chosen: null, ticketLanguage: 'xx', phoneLanguages: [], ...hall })).toBe('az');
    // Before the hall answers, any of the six.
    expect(
      pageLanguage({
        chosen: null,
        ticketLanguage: null,
        phoneLanguages: ['ky'],
        hallLanguages: [],
        hallDefault: null,
      }),
    ).toBe('ky');
    expect(
      pageLanguage({
        chosen: null,
        ticketLanguage: null,
        phoneLanguages: ['fr'],
        hallLanguages: [],
        hallDefault: null,
      }),
    ).toBe('en');
  });

  it('writes a day as the six languages do', () => {
    expect(formatDay('2026-11-17')).toBe('17.11.2026');
    expect(formatDay('soon')).toBe('soon');
  });
});

describe('the rating on the phone', () => {
  const run = (...actions: PhoneRatingAction[]) => actions.reduce(phoneRatingStep, INITIAL_PHONE_RATING);
  const done = phoneTicket({ state: 'done', canRate: true });

  it('shows the face being stored, then the stored one; a second face waits for the first’s answer', () => {
    const saving = run({ type: 'rate', score: 2 });
    expect(chosenFace(saving, done)).toBe(2);
    expect(run({ type: 'rate', score: 2 }, { type: 'rate', score: 5 }).saving).toBe(2);
    const rated = run({ type: 'rate', score: 2 }, { type: 'rated' });
    expect(rated).toMatchObject({ saving: null, ratedHere: true, closed: false, saveFailed: false });
    expect(chosenFace(rated, { ...done, score: 2 })).toBe(2);
  });

  it('lets the visitor try again after a lost connection, and ends after a refusal (rated elsewhere, time over)', () => {
    expect(run({ type: 'rate', score: 1 }, { type: 'rateFailed', final: false })).toMatchObject({
      saving: null,
      saveFailed: true,
      closed: false,
    });
    expect(run({ type: 'rate', score: 1 }, { type: 'rateFailed', final: true })).toMatchObject({
      saving: null,
      closed: true,
    });
  });

  it('shows the chips as chosen while they are on their way, then as stored', () => {
    const stored = { ...done, score: 1, reasons: ['staff' as const] };
    const choosing: PhoneRatingState = run({ type: 'chooseReasons', reasons: ['staff', 'result'] });
    expect(chosenReasons(choosing, stored)).toEqual(['staff', 'result']);
    expect(chosenReasons(phoneRatingStep(choosing, { type: 'reasonsSettled' }), stored)).toEqual(['staff']);
    expect(phoneRatingStep(choosing, { type: 'reasonsFailed', final: true })).toMatchObject({
      reasons: null,
      closed: true,
    });
    expect(toggleReason(['staff'], 'result')).toEqual(['staff', 'result']);
    expect(toggleReason(['staff', 'result'], 'staff')).toEqual(['result']);
  });

  it('closes at Done', () => {
    expect(run({ type: 'rate', score: 4 }, { type: 'rated' }, { type: 'close' })).toMatchObject({
      ratedHere: true,
      closed: true,
    });
  });
});

describe('vibration', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks the phone to vibrate the call’s pattern', () => {
    const calls: number[][] = [];
    const phone: Vibrator = {
      vibrate: (pattern) => {
        calls.push(pattern);
        return true;
      },
    };
    expect(vibrate(phone, CALL_VIBRATION)).toBe(true);
    expect(calls).toEqual([[...CALL_VIBRATION]]);
  });

  it('does nothing where a browser has no vibration, or refuses it', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(vibrate(undefined, CALL_VIBRATION)).toBe(false);
    expect(vibrate({} as Vibrator, CALL_VIBRATION)).toBe(false);
    expect(
      vibrate(
        {
          vibrate: () => {
            throw new Error('not allowed');
          },
        },
        CALL_VIBRATION,
      ),
    ).toBe(false);
  });
});
