import type { CallInput, CallOutput } from '../../contract';
import type { KioskConfig } from '../config';
import { KioskError } from '../errors';
import { callsOf, type Emit, type KioskHandlers } from '../handlers';
import type { Clock, KioskStore } from '../ports';
import type { Settings } from '../settings';

export const HALL_SERVER_CALL_NAMES = ['hallKioskSetup', 'hallHandOver'] as const;

/** The hall calls are the server's alone: any other device says so rather than keep a queue apart. */
export function requireHallServer(config: KioskConfig): KioskConfig {
  if (config.role !== 'hall-server') {
    throw new KioskError('not-a-hall-server', `this device is a ${config.role}, not the hall's server`);
  }
  return config;
}

export interface HallServerParts {
  settings: Settings;
  store: KioskStore;
  clock: Clock;
  emit: Emit;
}

/**
 * The hall server's side of its kiosks (main/contract/hall.ts), besides numbering their tickets
 * (TicketCalls.hallIssueTicket): each kiosk's own block of numbers, and the tickets it hands over.
 */
export class HallServerCalls {
  constructor(private readonly parts: HallServerParts) {}

  calls(): Pick<KioskHandlers, (typeof HALL_SERVER_CALL_NAMES)[number]> {
    return callsOf(this, HALL_SERVER_CALL_NAMES);
  }

  async hallKioskSetup({ kioskId }: CallInput<'hallKioskSetup'>): Promise<CallOutput<'hallKioskSetup'>> {
    const config = requireHallServer(this.parts.settings.config());
    const entry = config.hall.offlineBlocks.find((candidate) => candidate.kioskId === kioskId);
    return {
      block: entry?.block ?? null,
      centreName: config.centreName,
      timeZone: config.timeZone,
      phoneUrl: config.hall.phoneUrl,
    };
  }

  /**
   * Each ticket in its own transaction, so one the queue cannot take (a number already held by
   * another ticket: blocks that overlap) does not keep the others out; it is left unheld and the
   * kiosk keeps it to hand over, while the technician sees why in the server's log.
   */
  async hallHandOver({ kioskId, tickets }: CallInput<'hallHandOver'>): Promise<CallOutput<'hallHandOver'>> {
    requireHallServer(this.parts.settings.config());
    const { store, clock, emit } = this.parts;
    const held: string[] = [];
    for (const ticket of tickets) {
      const outcome = store.handOverTicket(kioskId, ticket, clock.now());
      if (outcome.kind === 'number-taken') continue;
      held.push(ticket.originRef);
      // Consoles and the waiting list refresh on either: a new ticket in the queue, or its print outcome.
      if (outcome.kind === 'updated') emit('visitChanged', outcome.ticket);
      else if (outcome.kind !== 'unchanged') emit('ticketIssued', outcome.ticket);
    }
    return { held };
  }
}
