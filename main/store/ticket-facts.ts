import type { SyncFact, Ticket } from '../contract';

/** A ticket as upstream hears of it when it is numbered (here, or handed over by a kiosk of a hall). */
export const ticketIssuedFact = (ticket: Ticket): SyncFact => ({
  kind: 'ticket-issued',
  ticketId: ticket.id,
  number: ticket.number,
  group: ticket.group,
  sequence: ticket.sequence,
  localDay: ticket.localDay,
  serviceId: ticket.serviceId,
  language: ticket.language,
  priority: ticket.priority,
  peopleAhead: ticket.peopleAhead,
  estimatedWaitMinutes: ticket.estimatedWaitMinutes,
});
