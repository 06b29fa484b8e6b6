import { describe, expect, it } from 'vitest';
import { KioskApiError } from '../../../main/contract';
import { ConnectionSignal } from '../../../renderer/src/api/connection-signal';
import { actionErrorKind } from '../../../renderer/src/console/action-error';
import { allowedActions } from '../../../renderer/src/console/desk-action-rules';
import { signInErrorKind } from '../../../renderer/src/console/sign-in-error';
import { formatElapsed, readTimer } from '../../../renderer/src/console/visit-timer';
import { ticket } from './fixtures';

const START = '2026-11-20T08:00:00.000Z';
const at = (seconds: number) => Date.parse(START) + seconds * 1000;

describe('visit timer', () => {
  it('is within the standard until the amber share, near it from there, past it once used up', () => {
    // A 5-minute standard, amber from 80 %: 4:00.
    expect(readTimer(START, at(239), 5, 0.8)).toEqual({ elapsedSeconds: 239, level: 'within' });
    expect(readTimer(START, at(240), 5, 0.8)).toEqual({ elapsedSeconds: 240, level: 'near' });
    expect(readTimer(START, at(299), 5, 0.8).level).toBe('near');
    expect(readTimer(START, at(300), 5, 0.8).level).toBe('past');
  });

  it('judges nothing without a standard, and shows zero when the tablet runs behind the kiosk', () => {
    expect(readTimer(START, at(5000), null, 0.8)).toEqual({ elapsedSeconds: 5000, level: null });
    expect(readTimer(START, at(-30), 5, 0.8)).toEqual({ elapsedSeconds: 0, level: 'within' });
  });

  it('formats minutes and seconds, with hours once past the hour', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(75)).toBe('1:15');
    expect(formatElapsed(3725)).toBe('1:02:05');
  });
});

describe('desk actions', () => {
  it('offers only what fits the visit at the desk', () => {
    expect([...allowedActions(null)]).toEqual(['callNext']);
    expect([...allowedActions(ticket({ state: 'called' }))].sort()).toEqual(['noShow', 'recall', 'start', 'transfer']);
    expect([...allowedActions(ticket({ state: 'serving' }))].sort()).toEqual(['finish', 'transfer']);
  });

  it('names refusals by their code, and anything else as a plain failure', () => {
    expect(actionErrorKind(new KioskApiError('desk-busy', 'x'))).toBe('desk-busy');
    expect(actionErrorKind(new KioskApiError('no-current-visit', 'x'))).toBe('no-current-visit');
    expect(actionErrorKind(new KioskApiError('internal', 'x'))).toBe('failed');
    expect(actionErrorKind(new Error('network'))).toBe('failed');
  });
});

describe('sign-in refusals', () => {
  it('tells a wrong PIN, a lockout, an unknown desk and a desk without PIN apart', () => {
    expect(signInErrorKind(new KioskApiError('wrong-pin', 'x'))).toBe('wrong-pin');
    expect(signInErrorKind(new KioskApiError('desk-locked', 'x'))).toBe('locked');
    expect(signInErrorKind(new KioskApiError('unknown-desk', 'x'))).toBe('unknown-desk');
    expect(signInErrorKind(new KioskApiError('desk-pin-not-set', 'x'))).toBe('no-pin');
    expect(signInErrorKind(new KioskApiError('desk-session-required', 'x'))).toBe('failed');
    expect(signInErrorKind(new KioskApiError('invalid-input', 'x'))).toBe('invalid');
    expect(signInErrorKind(new TypeError('offline'))).toBe('failed');
  });
});

describe('connection signal', () => {
  it('reports changes only, and a reconnect only after a drop', () => {
    const signal = new ConnectionSignal();
    const states: (boolean | null)[] = [];
    let reconnects = 0;
    signal.subscribe(() => states.push(signal.current()));
    signal.onReconnect(() => reconnects++);
    expect(signal.current()).toBeNull();
    signal.report(true);
    signal.report(true);
    expect(reconnects).toBe(0);
    signal.report(false);
    signal.report(true);
    expect(states).toEqual([true, false, true]);
    expect(reconnects).toBe(1);
  });
});
