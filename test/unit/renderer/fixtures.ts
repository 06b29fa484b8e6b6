import type { Language, Ticket } from '../../../main/contract';

/** A valid ticket of today; tests override what they look at. */
export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 1,
    number: 'A-001',
    group: 'A',
    sequence: 1,
    localDay: '2025-01-15',
    serviceId: 'passport',
    language: 'az' satisfies Language,
    issuedAt: '2025-01-15T08:30:00.000Z',
    printStatus: 'printed',
    printError: null,
    priority: null,
    visitEndedAt: null,
    state: 'waiting',
    deskId: null,
    calledAt: null,
    recalls: 0,
    servingStartedAt: null,
    noShowAt: null,
    transferredFrom: null,
    peopleAhead: 0,
    estimatedWaitMinutes: null,
    issuedOffline: false,
    ref: null,
    ...overrides,
  };
}
