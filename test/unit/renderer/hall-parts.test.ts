import { describe, expect, it } from 'vitest';
import type { HallCall } from '../../../main/contract';
import { fromList, mergeCall, SHOWN_CALLS } from '../../../renderer/src/hall/use-hall-calls';
import { speakingMillis, spokenLanguages, spokenNumber } from '../../../renderer/src/hall/spoken-call';

const call = (number: string, minute: number, deskId = '1', recall = false): HallCall => ({
  number,
  deskId,
  language: 'az',
  calledAt: `2026-11-20T08:${String(minute).padStart(2, '0')}:00.000Z`,
  recall,
});

describe('hall calls', () => {
  it('puts the newest on top and keeps one line per number (a recall moves it back up)', () => {
    let calls = mergeCall([], call('A-001', 1));
    calls = mergeCall(calls, call('A-002', 2));
    calls = mergeCall(calls, call('A-001', 3, '1', true));
    expect(calls.map((c) => [c.number, c.recall])).toEqual([
      ['A-001', true],
      ['A-002', false],
    ]);
  });

  it('keeps only the last few calls', () => {
    let calls: HallCall[] = [];
    for (let i = 1; i <= SHOWN_CALLS + 3; i++) calls = mergeCall(calls, call(`A-${String(i).padStart(3, '0')}`, i));
    expect(calls).toHaveLength(SHOWN_CALLS);
    expect(calls[0]!.number).toBe(`A-0${SHOWN_CALLS + 3}`);
  });

  it('reads a listed history in any order into the same newest-first lines', () => {
    const list = [call('A-001', 1), call('A-003', 5, '2'), call('A-001', 4, '3'), call('A-002', 2)];
    expect(fromList(list).map((c) => `${c.number}@${c.deskId}`)).toEqual(['A-003@2', 'A-001@3', 'A-002@1']);
  });
});

describe('spoken calls', () => {
  it('says a number without its dash and padding zeros', () => {
    expect(spokenNumber('A-001')).toBe('A 1');
    expect(spokenNumber('B-0100')).toBe('B 100');
    expect(spokenNumber('A-000')).toBe('A 0');
    expect(spokenNumber('X12')).toBe('X12');
  });

  it('speaks the kiosk languages unless the address names others, dropping unknown codes', () => {
    expect(spokenLanguages('', ['az', 'ru'])).toEqual(['az', 'ru']);
    expect(spokenLanguages('?speak=ru,kk,xx,ru', ['az'])).toEqual(['ru', 'kk']);
    expect(spokenLanguages('?speak=', ['az'])).toEqual([]);
  });

  it('waits longer for a longer sentence', () => {
    expect(speakingMillis('Talon A 1, oyna 2.')).toBeLessThan(speakingMillis('Ticket A 100, desk 12, please.'));
  });
});
