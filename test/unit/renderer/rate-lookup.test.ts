import { describe, expect, it } from 'vitest';
import { ticketNumberAsTyped } from '../../../renderer/src/ticket-number-typing';
import { scoresFor } from '../../../renderer/src/scores';

describe('rating by number: the number as the visitor types it', () => {
  it('puts the dash after the group letter, as printed on the ticket', () => {
    expect(ticketNumberAsTyped('A')).toBe('A');
    expect(ticketNumberAsTyped('A0')).toBe('A-0');
    expect(ticketNumberAsTyped('A-01')).toBe('A-01');
    expect(ticketNumberAsTyped('A-001')).toBe('A-001');
  });

  it('drops a dash left at the end when the last digit is deleted', () => {
    expect(ticketNumberAsTyped('A-')).toBe('A');
    expect(ticketNumberAsTyped('')).toBe('');
  });
});

describe('faces on offer', () => {
  it('five faces, or four without the neutral one', () => {
    expect(scoresFor(5)).toEqual([1, 2, 3, 4, 5]);
    expect(scoresFor(4)).toEqual([1, 2, 4, 5]);
  });
});
