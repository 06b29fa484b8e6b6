import { describe, expect, it } from 'vitest';
import { ratingScreen } from '../../../renderer/src/rating/rating-step';
import {
  initialTerminalState,
  ratingTerminalFlow,
  terminalTimeoutMs,
  type TerminalAction,
  type TerminalState,
} from '../../../renderer/src/rating/rating-terminal-flow';
import { ticket } from './fixtures';

const atDesk = (id: number, deskId: string, language: 'kk' | 'uz' = 'kk') =>
  ticket({ id, number: `A-00${id}`, language, deskId, visitEndedAt: '2026-11-20T08:10:00.000Z', state: 'done' });

function run(...actions: TerminalAction[]): TerminalState {
  return actions.reduce(ratingTerminalFlow, initialTerminalState('az', ['2'], NO_CHOICES));
}

const NO_CHOICES = { largeText: false, highContrast: false, lowReach: false, audioGuidance: false };

describe('rating terminal flow (a desk tablet, or a kiosk set up as one)', () => {
  it('waits calmly, and asks only for visits ended at its own desks, in the visitor’s language', () => {
    expect(run().screen).toEqual({ name: 'waiting' });
    expect(run({ type: 'visitEnded', ticket: atDesk(1, '1') }).screen).toEqual({ name: 'waiting' });
    const asked = run({ type: 'visitEnded', ticket: atDesk(2, '2') });
    expect(asked.screen).toEqual(ratingScreen(atDesk(2, '2')));
    expect(asked.language).toBe('kk');
  });

  it('queues a visit ending while another is rated, thanks, then asks the next, then waits again', () => {
    const state = run(
      { type: 'visitEnded', ticket: atDesk(2, '2') },
      { type: 'visitEnded', ticket: atDesk(3, '2', 'uz') },
      { type: 'visitEnded', ticket: atDesk(3, '2', 'uz') },
      { type: 'rate', score: 5 },
      { type: 'ratingSaved', ticketId: 2, score: 5, reasons: [] },
      { type: 'finishRating', ticketId: 2 },
    );
    expect(state.screen).toEqual({ name: 'thanks', alreadyRated: false });
    expect(state.ratings.waiting.map((t) => t.id)).toEqual([3]);
    const next = ratingTerminalFlow(state, { type: 'timeout' });
    expect(next.screen).toMatchObject({ name: 'rating', ticket: { id: 3 } });
    expect(next.language).toBe('uz');
    const rated = [
      { type: 'rate', score: 4 },
      { type: 'ratingFailed', ticketId: 3, alreadyRated: true },
      { type: 'timeout' },
    ].reduce((s, a) => ratingTerminalFlow(s, a as TerminalAction), next);
    expect(rated.screen).toEqual({ name: 'waiting' });
    expect(rated.language).toBe('az');
  });

  it('asks a visitor once: the repeated visitEnded on the thanks screen or back at waiting is ignored', () => {
    const thanks = run(
      { type: 'visitEnded', ticket: atDesk(2, '2') },
      { type: 'rate', score: 5 },
      { type: 'ratingSaved', ticketId: 2, score: 5, reasons: [] },
      { type: 'finishRating', ticketId: 2 },
    );
    expect(thanks.screen).toEqual({ name: 'thanks', alreadyRated: false });
    const repeatedOnThanks = ratingTerminalFlow(thanks, { type: 'visitEnded', ticket: atDesk(2, '2') });
    expect(repeatedOnThanks).toBe(thanks);
    const waiting = ratingTerminalFlow(thanks, { type: 'timeout' });
    expect(waiting.screen).toEqual({ name: 'waiting' });
    expect(ratingTerminalFlow(waiting, { type: 'visitEnded', ticket: atDesk(2, '2') }).screen).toEqual({
      name: 'waiting',
    });
    // A visitor who walked away without rating is not asked again either: the next one may stand there.
    const left = ratingTerminalFlow(run({ type: 'visitEnded', ticket: atDesk(4, '2') }), { type: 'timeout' });
    expect(ratingTerminalFlow(left, { type: 'visitEnded', ticket: atDesk(4, '2') }).screen).toEqual({
      name: 'waiting',
    });
    expect(ratingTerminalFlow(left, { type: 'visitEnded', ticket: atDesk(5, '2') }).screen).toMatchObject({
      name: 'rating',
      ticket: { id: 5 },
    });
  });

  it('keeps the rating screen after the tap is stored, saying so, until Done or the time runs out', () => {
    const stored = run(
      { type: 'visitEnded', ticket: atDesk(2, '2') },
      { type: 'rate', score: 1 },
      { type: 'ratingSaved', ticketId: 2, score: 1, reasons: [] },
      { type: 'chooseReasons', ticketId: 2, reasons: ['waiting-time'] },
    );
    expect(stored.screen).toMatchObject({ name: 'rating', stored: 1, reasons: ['waiting-time'] });
    // A walk-away: the idle reset goes back to waiting; the score was stored at the tap.
    expect(ratingTerminalFlow(stored, { type: 'timeout' }).screen).toEqual({ name: 'waiting' });
    expect(ratingTerminalFlow(stored, { type: 'finishRating', ticketId: 2 }).screen).toEqual({
      name: 'thanks',
      alreadyRated: false,
    });
  });

  it('ends a visitor’s accessibility choices with them', () => {
    const state = run(
      { type: 'visitEnded', ticket: atDesk(2, '2') },
      { type: 'toggleAccess', option: 'largeText' },
      { type: 'toggleAccess', option: 'lowReach' },
    );
    expect(state.access).toEqual({ ...NO_CHOICES, largeText: true, lowReach: true });
    expect(ratingTerminalFlow(state, { type: 'timeout' }).access).toEqual(NO_CHOICES);
  });

  it('never times out while saving; the rating screen times out after the idle time and warning', () => {
    const saving = run({ type: 'visitEnded', ticket: atDesk(2, '2') }, { type: 'rate', score: 1 });
    expect(ratingTerminalFlow(saving, { type: 'timeout' })).toBe(saving);
    const timing = { resultScreenSeconds: 8, idle: { seconds: 30, warningSeconds: 10 } };
    expect(terminalTimeoutMs(saving.screen, timing)).toBeNull();
    expect(terminalTimeoutMs(ratingScreen(atDesk(2, '2')), timing)).toBe(40_000);
    expect(terminalTimeoutMs({ name: 'thanks', alreadyRated: false }, timing)).toBe(8_000);
    expect(terminalTimeoutMs({ name: 'waiting' }, timing)).toBeNull();
  });
});
