import { describe, expect, it } from 'vitest';
import { initialFlowState, kioskFlow, type FlowAction, type FlowState } from '../../../renderer/src/kiosk-flow';
import { ratingScreen } from '../../../renderer/src/rating/rating-step';
import type { Score } from '../../../renderer/src/scores';
import { idleWarningMs, screenTimeoutMs, type ScreenTiming } from '../../../renderer/src/screen-timeouts';
import { ticket } from './fixtures';

/** The configured idle time and warning (KioskInfo.idle), and how long results stay. */
const timing = (resultScreenSeconds: number): ScreenTiming => ({
  resultScreenSeconds,
  idle: { seconds: 70, warningSeconds: 20 },
});
const IDLE_MS = 90_000;
const WARN_MS = 70_000;

/** Runs actions in order from the kiosk's start, default language az. */
function run(...actions: FlowAction[]): FlowState {
  return actions.reduce(kioskFlow, initialFlowState('az'));
}

const toServicesInRu: FlowAction[] = [{ type: 'start' }, { type: 'chooseLanguage', language: 'ru' }];
const issued = ticket({ id: 7, number: 'B-007', language: 'ru', serviceId: 'passport' });
const toTicketInRu: FlowAction[] = [
  ...toServicesInRu,
  { type: 'openService', serviceId: 'passport' },
  { type: 'chooseService', serviceId: 'passport' },
  { type: 'ticketIssued', ticket: issued },
];
const ended = ticket({ id: 3, number: 'A-003', language: 'kk', visitEndedAt: '2025-01-15T09:00:00.000Z' });
const toRatingInKk: FlowAction[] = [{ type: 'visitEnded', ticket: ended }];
/** A face tapped, stored at once, and Done pressed: the rating screen's shortest way to thanks. */
const rateAndFinish = (score: Score, ticketId = ended.id): FlowAction[] => [
  { type: 'rate', score },
  { type: 'ratingSaved', ticketId, score, reasons: [] },
  { type: 'finishRating', ticketId },
];

describe('kiosk flow: a visitor takes a ticket', () => {
  it('starts on the attract screen in the default language', () => {
    expect(initialFlowState('az')).toEqual({
      screen: { name: 'attract' },
      language: 'az',
      defaultLanguage: 'az',
      ratings: { waiting: [], shown: [] },
      access: { highContrast: false, largeText: false, lowReach: false, audioGuidance: false },
      defaultAccess: { highContrast: false, largeText: false, lowReach: false, audioGuidance: false },
    });
  });

  it('goes from attract to the language choice on a touch', () => {
    expect(run({ type: 'start' }).screen).toEqual({ name: 'language' });
  });

  it('shows the services in the chosen language', () => {
    const state = run(...toServicesInRu);
    expect(state.screen).toEqual({ name: 'services' });
    expect(state.language).toBe('ru');
    expect(state.defaultLanguage).toBe('az');
  });

  it('prints after a service is chosen, then shows the ticket', () => {
    const printing = run(
      ...toServicesInRu,
      { type: 'openService', serviceId: 'passport' },
      { type: 'chooseService', serviceId: 'passport' },
    );
    expect(printing.screen).toEqual({ name: 'printing', serviceId: 'passport', from: { name: 'services' } });
    const shown = kioskFlow(printing, { type: 'ticketIssued', ticket: issued });
    expect(shown.screen).toEqual({ name: 'ticket', ticket: issued });
    expect(shown.language).toBe('ru');
  });

  it('says so when no ticket could be issued, and goes home from there', () => {
    const failed = run(
      ...toServicesInRu,
      { type: 'openService', serviceId: 'passport' },
      { type: 'chooseService', serviceId: 'passport' },
      { type: 'issueFailed' },
    );
    expect(failed.screen).toEqual({ name: 'issue-failed' });
    const home = kioskFlow(failed, { type: 'home' });
    expect(home.screen).toEqual({ name: 'attract' });
    expect(home.language).toBe('az');
  });

  it('returns to attract in the default language when the visitor is done', () => {
    const state = run(...toTicketInRu, { type: 'done' });
    expect(state.screen).toEqual({ name: 'attract' });
    expect(state.language).toBe('az');
  });

  it('returns to attract in the default language when the ticket screen times out', () => {
    const state = run(...toTicketInRu, { type: 'timeout' });
    expect(state.screen).toEqual({ name: 'attract' });
    expect(state.language).toBe('az');
  });

  it('goes back from services to the language choice, keeping the language', () => {
    const state = run(...toServicesInRu, { type: 'back' });
    expect(state.screen).toEqual({ name: 'language' });
    expect(state.language).toBe('ru');
  });

  it('goes back from the language choice to attract in the default language', () => {
    const state = run(...toServicesInRu, { type: 'back' }, { type: 'back' });
    expect(state.screen).toEqual({ name: 'attract' });
    expect(state.language).toBe('az');
  });

  it('goes home from services and from the language choice', () => {
    expect(run(...toServicesInRu, { type: 'home' })).toMatchObject({ screen: { name: 'attract' }, language: 'az' });
    expect(run({ type: 'start' }, { type: 'home' })).toMatchObject({ screen: { name: 'attract' }, language: 'az' });
  });

  it.each(['language', 'services', 'issue-failed'] as const)('gives up on an idle visitor on %s', (name) => {
    const paths: Record<typeof name, FlowAction[]> = {
      language: [{ type: 'start' }],
      services: toServicesInRu,
      'issue-failed': [
        ...toServicesInRu,
        { type: 'openService', serviceId: 'x' },
        { type: 'chooseService', serviceId: 'x' },
        { type: 'issueFailed' },
      ],
    };
    const before = run(...paths[name]);
    expect(before.screen.name).toBe(name);
    expect(kioskFlow(before, { type: 'timeout' })).toMatchObject({ screen: { name: 'attract' }, language: 'az' });
  });

  it('never abandons a ticket being printed', () => {
    const printing = run(
      ...toServicesInRu,
      { type: 'openService', serviceId: 'passport' },
      { type: 'chooseService', serviceId: 'passport' },
    );
    for (const action of [{ type: 'timeout' }, { type: 'home' }, { type: 'back' }, { type: 'done' }] as const) {
      expect(kioskFlow(printing, action)).toBe(printing);
    }
  });

  it('ignores actions that do not belong to the current screen', () => {
    const attract = run();
    const stray: FlowAction[] = [
      { type: 'chooseLanguage', language: 'ru' },
      { type: 'chooseService', serviceId: 'passport' },
      { type: 'ticketIssued', ticket: issued },
      { type: 'issueFailed' },
      { type: 'back' },
      { type: 'home' },
      { type: 'done' },
      { type: 'timeout' },
      { type: 'rate', score: 5 },
      { type: 'ratingSaved', ticketId: 1, score: 5, reasons: [] },
      { type: 'ratingFailed', ticketId: 1, alreadyRated: false },
      { type: 'chooseReasons', ticketId: 1, reasons: ['staff'] },
      { type: 'finishRating', ticketId: 1 },
    ];
    for (const action of stray) expect(kioskFlow(attract, action)).toBe(attract);
    const onTicket = run(...toTicketInRu);
    for (const action of [{ type: 'start' }, { type: 'home' }, { type: 'back' }] as const) {
      expect(kioskFlow(onTicket, action)).toBe(onTicket);
    }
  });
});

describe('kiosk flow: rating a visit', () => {
  it('asks for the rating in the language of the ticket', () => {
    const state = run(...toRatingInKk);
    expect(state.screen).toEqual(ratingScreen(ended));
    expect(state.language).toBe('kk');
  });

  it('interrupts a visitor who is still choosing, in the ticket’s language', () => {
    const state = run(...toServicesInRu, ...toRatingInKk);
    expect(state.screen.name).toBe('rating');
    expect(state.language).toBe('kk');
  });

  it('interrupts the language choice and the issue-failed screen too', () => {
    expect(run({ type: 'start' }, ...toRatingInKk).screen.name).toBe('rating');
    const failed = [
      ...toServicesInRu,
      { type: 'openService', serviceId: 'x' },
      { type: 'chooseService', serviceId: 'x' },
      { type: 'issueFailed' },
    ] as const;
    expect(run(...failed, ...toRatingInKk).screen.name).toBe('rating');
  });

  it('waits while a ticket is printed and shown, then asks once the visitor is done', () => {
    const printing = run(
      ...toServicesInRu,
      { type: 'openService', serviceId: 'passport' },
      { type: 'chooseService', serviceId: 'passport' },
      ...toRatingInKk,
    );
    expect(printing.screen.name).toBe('printing');
    expect(printing.ratings.waiting).toEqual([ended]);

    const shown = kioskFlow(printing, { type: 'ticketIssued', ticket: issued });
    expect(shown.screen).toEqual({ name: 'ticket', ticket: issued });
    expect(shown.language).toBe('ru');

    const rating = kioskFlow(shown, { type: 'done' });
    expect(rating.screen).toMatchObject({ name: 'rating', ticket: ended });
    expect(rating.language).toBe('kk');
    expect(rating.ratings.waiting).toEqual([]);
  });

  it('asks for a waiting rating when the ticket screen times out', () => {
    const state = run(...toTicketInRu, ...toRatingInKk, { type: 'timeout' });
    expect(state.screen).toMatchObject({ name: 'rating', ticket: ended });
    expect(state.language).toBe('kk');
  });

  it('asks for a waiting rating after a failed issue', () => {
    const printing = run(
      ...toServicesInRu,
      { type: 'openService', serviceId: 'passport' },
      { type: 'chooseService', serviceId: 'passport' },
      ...toRatingInKk,
    );
    const failed = kioskFlow(printing, { type: 'issueFailed' });
    expect(failed.screen.name).toBe('issue-failed');
    expect(kioskFlow(failed, { type: 'home' }).screen).toMatchObject({ name: 'rating', ticket: ended });
  });

  it('saves one tap and ignores the taps that follow while saving', () => {
    const saving = run(...toRatingInKk, { type: 'rate', score: 4 });
    expect(saving.screen).toMatchObject({ name: 'rating', saving: 4 });
    expect(kioskFlow(saving, { type: 'rate', score: 1 })).toBe(saving);
    expect(kioskFlow(saving, { type: 'rate', score: 4 })).toBe(saving);
  });

  it('stores the tap, says it is saved, thanks the visitor on Done, then returns to attract in the default language', () => {
    const saved = run(
      ...toRatingInKk,
      { type: 'rate', score: 5 },
      { type: 'ratingSaved', ticketId: ended.id, score: 5, reasons: [] },
    );
    expect(saved.screen).toEqual({ ...ratingScreen(ended), stored: 5 });
    // Walking away from a stored answer loses nothing: the idle reset goes back to the start.
    expect(kioskFlow(saved, { type: 'timeout' }).screen).toEqual({ name: 'attract' });
    const thanks = run(...toRatingInKk, ...rateAndFinish(5));
    expect(thanks.screen).toEqual({ name: 'thanks', ticket: ended, alreadyRated: false });
    expect(thanks.language).toBe('kk');
    const back = kioskFlow(thanks, { type: 'timeout' });
    expect(back.screen).toEqual({ name: 'attract' });
    expect(back.language).toBe('az');
  });

  it('thanks politely when the visit was already rated', () => {
    const state = run(
      ...toRatingInKk,
      { type: 'rate', score: 2 },
      { type: 'ratingFailed', ticketId: ended.id, alreadyRated: true },
    );
    expect(state.screen).toEqual({ name: 'thanks', ticket: ended, alreadyRated: true });
  });

  it('lets the visitor try again when saving failed otherwise', () => {
    const failed = run(
      ...toRatingInKk,
      { type: 'rate', score: 2 },
      { type: 'ratingFailed', ticketId: ended.id, alreadyRated: false },
    );
    expect(failed.screen).toEqual({ ...ratingScreen(ended), saveFailed: true });
    expect(kioskFlow(failed, { type: 'rate', score: 3 }).screen).toEqual({ ...ratingScreen(ended), saving: 3 });
  });

  it('ignores outcomes for another ticket or when nothing is being saved', () => {
    const idle = run(...toRatingInKk);
    expect(kioskFlow(idle, { type: 'ratingSaved', ticketId: ended.id, score: 5, reasons: [] })).toBe(idle);
    expect(kioskFlow(idle, { type: 'finishRating', ticketId: ended.id })).toBe(idle);
    const saving = kioskFlow(idle, { type: 'rate', score: 5 });
    expect(kioskFlow(saving, { type: 'ratingSaved', ticketId: 999, score: 5, reasons: [] })).toBe(saving);
    expect(kioskFlow(saving, { type: 'ratingFailed', ticketId: 999, alreadyRated: true })).toBe(saving);
  });

  it('does not time out while a rating is being saved, but does when nobody answers', () => {
    const idle = run(...toRatingInKk);
    expect(kioskFlow(idle, { type: 'timeout' })).toMatchObject({ screen: { name: 'attract' }, language: 'az' });
    const saving = kioskFlow(idle, { type: 'rate', score: 5 });
    expect(kioskFlow(saving, { type: 'timeout' })).toBe(saving);
  });

  it('asks a visit once: a repeated visitEnded on the thanks screen or after is ignored', () => {
    const thanks = run(...toRatingInKk, ...rateAndFinish(5));
    expect(thanks.screen).toMatchObject({ name: 'thanks', ticket: ended });
    expect(kioskFlow(thanks, { type: 'visitEnded', ticket: ended })).toBe(thanks);
    const after = kioskFlow(thanks, { type: 'timeout' });
    expect(after.screen).toEqual({ name: 'attract' });
    expect(kioskFlow(after, { type: 'visitEnded', ticket: ended })).toBe(after);
  });

  it('queues a second ended visit behind the rating on screen, and asks it next', () => {
    const second = ticket({ id: 4, number: 'A-004', language: 'uz' });
    const state = run(...toRatingInKk, { type: 'visitEnded', ticket: second });
    expect(state.screen).toMatchObject({ name: 'rating', ticket: ended });
    expect(state.ratings.waiting).toEqual([second]);
    const thanks = rateAndFinish(5).reduce(kioskFlow, state);
    const next = kioskFlow(thanks, { type: 'timeout' });
    expect(next.screen).toMatchObject({ name: 'rating', ticket: second });
    expect(next.language).toBe('uz');
  });

  it('moves on from the thank-you screen at once when another visit ends', () => {
    const second = ticket({ id: 4, number: 'A-004', language: 'en' });
    const thanks = run(...toRatingInKk, ...rateAndFinish(5));
    const next = kioskFlow(thanks, { type: 'visitEnded', ticket: second });
    expect(next.screen).toMatchObject({ name: 'rating', ticket: second });
    expect(next.language).toBe('en');
  });

  it('ignores an ended visit it already shows or holds', () => {
    const rating = run(...toRatingInKk);
    expect(kioskFlow(rating, { type: 'visitEnded', ticket: ended })).toBe(rating);
    const waiting = run(...toTicketInRu, ...toRatingInKk);
    expect(kioskFlow(waiting, { type: 'visitEnded', ticket: ended })).toBe(waiting);
    const thanks = run(...toRatingInKk, ...rateAndFinish(5));
    expect(kioskFlow(thanks, { type: 'visitEnded', ticket: ended })).toBe(thanks);
  });
});

describe('screen timeouts', () => {
  it('waits for ever on attract and while printing or saving', () => {
    expect(screenTimeoutMs({ name: 'attract' }, timing(10))).toBeNull();
    expect(screenTimeoutMs({ name: 'printing', serviceId: 'x', from: { name: 'services' } }, timing(10))).toBeNull();
    expect(screenTimeoutMs({ ...ratingScreen(ended), saving: 3 }, timing(10))).toBeNull();
  });

  it('shows results for the configured time', () => {
    expect(screenTimeoutMs({ name: 'ticket', ticket: issued }, timing(12))).toBe(12_000);
    expect(screenTimeoutMs({ name: 'thanks', ticket: ended, alreadyRated: false }, timing(12))).toBe(12_000);
    expect(screenTimeoutMs({ name: 'issue-failed' }, timing(12))).toBe(12_000);
  });

  it('gives choosing visitors the idle time', () => {
    expect(screenTimeoutMs({ name: 'language' }, timing(12))).toBe(IDLE_MS);
    expect(screenTimeoutMs({ name: 'services' }, timing(12))).toBe(IDLE_MS);
    expect(screenTimeoutMs(ratingScreen(ended), timing(12))).toBe(IDLE_MS);
  });
});

describe('kiosk flow: the menu, search and service page', () => {
  const atProvider = run(...toServicesInRu, { type: 'chooseProvider', providerId: 'justice' });

  it('goes provider → category → service page, and Back retraces each step', () => {
    expect(atProvider.screen).toEqual({ name: 'services', providerId: 'justice' });
    const atCategory = kioskFlow(atProvider, { type: 'chooseCategory', categoryId: 'just-civil' });
    expect(atCategory.screen).toEqual({ name: 'services', providerId: 'justice', categoryId: 'just-civil' });
    const page = kioskFlow(atCategory, { type: 'openService', serviceId: 'birth-certificate' });
    expect(page.screen).toEqual({ name: 'service', serviceId: 'birth-certificate', from: atCategory.screen });
    const back = (state: FlowState) => kioskFlow(state, { type: 'back' });
    expect(back(page).screen).toEqual(atCategory.screen);
    expect(back(back(page)).screen).toEqual(atProvider.screen);
    expect(back(back(back(page))).screen).toEqual({ name: 'services' });
    expect(back(back(back(back(page)))).screen).toEqual({ name: 'language' });
  });

  it('skips the topic list of a provider with one topic, there and back', () => {
    const state = run(...toServicesInRu, {
      type: 'chooseProvider',
      providerId: 'archives',
      onlyCategoryId: 'arch-certificates',
    });
    expect(state.screen).toMatchObject({
      providerId: 'archives',
      categoryId: 'arch-certificates',
      skippedCategories: true,
    });
    expect(kioskFlow(state, { type: 'back' }).screen).toEqual({ name: 'services' });
  });

  it('keeps the query while searching, and returns to the results from a service page', () => {
    const searching = run(...toServicesInRu, { type: 'openSearch' }, { type: 'search', query: 'pasp' });
    expect(searching.screen).toEqual({ name: 'search', query: 'pasp', from: { name: 'services' } });
    const page = kioskFlow(searching, { type: 'openService', serviceId: 'passport' });
    expect(kioskFlow(page, { type: 'back' }).screen).toEqual(searching.screen);
    expect(kioskFlow(searching, { type: 'back' }).screen).toEqual({ name: 'services' });
  });

  it('jumps along the path, and takes a ticket only for the service on show', () => {
    const page = run(...toServicesInRu, { type: 'openService', serviceId: 'passport' });
    expect(kioskFlow(page, { type: 'jumpTo', screen: { name: 'services', providerId: 'justice' } }).screen).toEqual({
      name: 'services',
      providerId: 'justice',
    });
    expect(kioskFlow(page, { type: 'chooseService', serviceId: 'notary' })).toBe(page);
    expect(kioskFlow(atProvider, { type: 'chooseService', serviceId: 'passport' })).toBe(atProvider);
  });

  it('goes back to the service page when the kiosk refuses the ticket (closed, daily limit)', () => {
    const printing = run(
      ...toServicesInRu,
      { type: 'openService', serviceId: 'passport' },
      { type: 'chooseService', serviceId: 'passport' },
    );
    expect(kioskFlow(printing, { type: 'issueRefused', serviceId: 'passport' }).screen).toMatchObject({
      name: 'service',
      serviceId: 'passport',
    });
  });

  it('after a refused ticket, Back returns to where the visitor came from: the menu level or the search results', () => {
    const refusedThenBack = (...toPage: FlowAction[]) =>
      run(
        ...toServicesInRu,
        ...toPage,
        { type: 'openService', serviceId: 'passport' },
        { type: 'chooseService', serviceId: 'passport' },
        { type: 'issueRefused', serviceId: 'passport' },
        { type: 'back' },
      ).screen;
    expect(
      refusedThenBack(
        { type: 'chooseProvider', providerId: 'mia' },
        { type: 'chooseCategory', categoryId: 'documents' },
      ),
    ).toEqual({
      name: 'services',
      providerId: 'mia',
      categoryId: 'documents',
    });
    expect(refusedThenBack({ type: 'openSearch' }, { type: 'search', query: 'pasp' })).toEqual({
      name: 'search',
      query: 'pasp',
      from: { name: 'services' },
    });
  });

  it('keeps accessibility choices through the visit and drops them, with the language, at the reset', () => {
    const chosen = run(
      ...toServicesInRu,
      { type: 'toggleAccess', option: 'largeText' },
      { type: 'toggleAccess', option: 'lowReach' },
      { type: 'toggleAccess', option: 'highContrast' },
      { type: 'toggleAccess', option: 'highContrast' },
      { type: 'chooseProvider', providerId: 'justice' },
    );
    expect(chosen.access).toEqual({ largeText: true, highContrast: false, lowReach: true, audioGuidance: false });
    for (const end of [{ type: 'home' }, { type: 'timeout' }] as const) {
      expect(kioskFlow(chosen, end)).toMatchObject({
        screen: { name: 'attract' },
        language: 'az',
        access: { largeText: false, highContrast: false, lowReach: false, audioGuidance: false },
      });
    }
  });

  it('warns "Need more time?" before an idle reset on choosing screens, not on the ticket', () => {
    const page = run(...toServicesInRu, { type: 'openService', serviceId: 'passport' });
    expect(screenTimeoutMs(page.screen, timing(12))).toBe(IDLE_MS);
    expect(idleWarningMs(page.screen, timing(12))).toBe(WARN_MS);
    expect(idleWarningMs({ name: 'search', query: '', from: { name: 'services' } }, timing(12))).toBe(WARN_MS);
    expect(idleWarningMs(run(...toTicketInRu).screen, timing(12))).toBeNull();
    expect(idleWarningMs({ name: 'attract' }, timing(12))).toBeNull();
  });
});

describe('kiosk flow: reasons after a low score, and rating by ticket number', () => {
  it('a low score is stored at once; reasons join it, another face replaces it, Done closes', () => {
    const stored = run(
      ...toRatingInKk,
      { type: 'rate', score: 2 },
      { type: 'ratingSaved', ticketId: ended.id, score: 2, reasons: [] },
    );
    expect(stored.screen).toEqual({ ...ratingScreen(ended), stored: 2 });
    const chosen = run(
      ...toRatingInKk,
      { type: 'rate', score: 2 },
      { type: 'ratingSaved', ticketId: ended.id, score: 2, reasons: [] },
      { type: 'chooseReasons', ticketId: ended.id, reasons: ['staff', 'premises'] },
      { type: 'chooseReasons', ticketId: ended.id, reasons: ['premises'] },
    );
    expect(chosen.screen).toMatchObject({ name: 'rating', stored: 2, reasons: ['premises'], saving: null });
    const changing = kioskFlow(chosen, { type: 'rate', score: 1 });
    expect(changing.screen).toMatchObject({ stored: 2, saving: 1, reasons: ['premises'] });
    // Reasons wait for the face's answer, and Done too.
    expect(kioskFlow(changing, { type: 'chooseReasons', ticketId: ended.id, reasons: [] })).toBe(changing);
    expect(kioskFlow(changing, { type: 'finishRating', ticketId: ended.id })).toBe(changing);
    const changed = kioskFlow(changing, { type: 'ratingSaved', ticketId: ended.id, score: 1, reasons: ['premises'] });
    expect(changed.screen).toMatchObject({ name: 'rating', stored: 1, saving: null, reasons: ['premises'] });
    expect(kioskFlow(changed, { type: 'finishRating', ticketId: ended.id }).screen).toEqual({
      name: 'thanks',
      ticket: ended,
      alreadyRated: false,
    });
  });

  it('ignores reasons before a face is stored; a change refused as final thanks with the stored answer', () => {
    const state = run(...toRatingInKk);
    expect(kioskFlow(state, { type: 'chooseReasons', ticketId: ended.id, reasons: ['staff'] })).toBe(state);
    const stored = run(
      ...toRatingInKk,
      { type: 'rate', score: 2 },
      { type: 'ratingSaved', ticketId: ended.id, score: 2, reasons: [] },
    );
    const late = run(
      ...toRatingInKk,
      { type: 'rate', score: 2 },
      { type: 'ratingSaved', ticketId: ended.id, score: 2, reasons: [] },
      { type: 'rate', score: 4 },
      { type: 'ratingFailed', ticketId: ended.id, alreadyRated: true },
    );
    expect(late.screen).toEqual({ name: 'thanks', ticket: ended, alreadyRated: false });
    expect(kioskFlow(stored, { type: 'reasonsFailed', ticketId: ended.id, final: false }).screen).toMatchObject({
      stored: 2,
      saveFailed: true,
    });
    expect(kioskFlow(stored, { type: 'reasonsFailed', ticketId: ended.id, final: true }).screen.name).toBe('thanks');
  });

  it('"Rate a visit" asks the language, then the number; a refusal keeps the number to correct', () => {
    const language = run({ type: 'openRateLookup' });
    expect(language.screen).toEqual({ name: 'language', next: 'rate' });
    const typing = run(
      { type: 'openRateLookup' },
      { type: 'chooseLanguage', language: 'ky' },
      { type: 'lookupCode', code: 'A-003' },
    );
    expect(typing.language).toBe('ky');
    expect(typing.screen).toEqual({ name: 'rate-lookup', code: 'A-003', looking: false, refusal: null });
    const looking = kioskFlow(typing, { type: 'lookup', code: 'A-003' });
    expect(looking.screen).toMatchObject({ looking: true });
    expect(kioskFlow(looking, { type: 'timeout' })).toBe(looking);
    const refused = kioskFlow(looking, { type: 'lookupRefused', refusal: 'visit-not-ended' });
    expect(refused.screen).toEqual({ name: 'rate-lookup', code: 'A-003', looking: false, refusal: 'visit-not-ended' });
    const found = kioskFlow(kioskFlow(refused, { type: 'lookup', code: 'A-003' }), {
      type: 'lookupFound',
      ticket: ended,
    });
    expect(found.screen).toEqual(ratingScreen(ended));
    expect(found.language).toBe('kk');
  });

  it('takes a scan on the attract screen, and ignores one while a visitor is choosing', () => {
    expect(run({ type: 'lookup', code: 'A-003' }).screen).toMatchObject({ name: 'rate-lookup', looking: true });
    const choosing = run(...toServicesInRu);
    expect(kioskFlow(choosing, { type: 'lookup', code: 'A-003' })).toBe(choosing);
  });

  it('returns the next visitor to the kiosk’s accessibility defaults, not to none', () => {
    const defaults = { highContrast: false, largeText: true, lowReach: false, audioGuidance: false };
    const start = initialFlowState('az', defaults);
    const changed = [
      { type: 'start' },
      { type: 'chooseLanguage', language: 'ru' },
      { type: 'toggleAccess', option: 'largeText' },
      { type: 'toggleAccess', option: 'lowReach' },
      { type: 'timeout' },
    ].reduce((state, action) => kioskFlow(state, action as FlowAction), start);
    expect(changed.screen).toEqual({ name: 'attract' });
    expect(changed.access).toEqual(defaults);
  });

  it('gives the idle time and its warning from the configuration', () => {
    const short: ScreenTiming = { resultScreenSeconds: 5, idle: { seconds: 10, warningSeconds: 5 } };
    expect(screenTimeoutMs({ name: 'services' }, short)).toBe(15_000);
    expect(idleWarningMs({ name: 'services' }, short)).toBe(10_000);
    expect(idleWarningMs({ name: 'rate-lookup', code: '', looking: false, refusal: null }, short)).toBe(10_000);
    expect(screenTimeoutMs({ name: 'rate-lookup', code: 'A-1', looking: true, refusal: null }, short)).toBeNull();
  });
});
