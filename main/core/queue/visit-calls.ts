import type {
  CallInput,
  CallOutput,
  DeskState,
  HallCall,
  Service,
  Ticket,
  VisitState,
  WaitEstimate,
} from '../../contract';
import type { DeskConfig, KioskConfig } from '../config';
import { KioskError } from '../errors';
import { localDay } from '../local-time';
import { callsOf, type Emit, type KioskHandlers } from '../handlers';
import type { Clock, KioskStore, VisitStep } from '../ports';
import type { Settings } from '../settings';
import { DeskSessions, deskServes } from '../auth/desk-sessions';
import type { LockoutStore } from '../auth/lockout-store';
import { pickNext, priorityStreak } from './ordering';
import { estimatedWaitMinutes, peopleAhead, serviceMinutes } from './wait-estimate';

export const VISIT_CALL_NAMES = [
  'deskSignIn',
  'deskSignOut',
  'getDeskState',
  'callNext',
  'recallTicket',
  'startVisit',
  'finishVisit',
  'markNoShow',
  'transferVisit',
  'endVisit',
  'listHallCalls',
  'getWaitEstimate',
] as const;

export interface VisitCallParts {
  settings: Settings;
  store: KioskStore;
  clock: Clock;
  emit: Emit;
  /** Where desk lockouts are kept so they survive a restart; in memory when none. */
  lockouts?: LockoutStore;
}

/** A visit a desk is busy with: called to the desk, or being served. */
const AT_DESK: readonly VisitState[] = ['called', 'serving'];
/**
 * What the external `endVisit` may finish: a visit at a desk, or a waiting one, because a queue
 * system that calls tickets itself never tells the kiosk about the call. A no-show is not: the
 * visitor was not served, so it must not count as served nor be rated.
 */
const ENDABLE: readonly VisitState[] = ['waiting', 'called', 'serving'];

/** How many times callNext tries again when another desk took the chosen ticket at the same instant. */
const CALL_RETRIES = 5;

/**
 * The desk calls of the contract: sign-in, calling in order, the visit's steps, the hall display's
 * last calls and the wait estimate. Each step is one store transaction (ticket row and history
 * together); events go out only after it is committed.
 *
 * The priority streak that keeps normal tickets from starving is counted over today's calls of the
 * services this desk calls for, at any desk: the guarantee is about a queue, and two desks sharing
 * a queue must not each let priority tickets pass `maxInRow` times.
 */
export class VisitCalls {
  readonly sessions: DeskSessions;

  constructor(private readonly parts: VisitCallParts) {
    this.sessions = new DeskSessions(
      () => parts.settings.config().desks,
      parts.clock,
      () => parts.settings.config().queue.deskSessionIdleMinutes * 60_000,
      parts.lockouts,
    );
  }

  calls(): Pick<KioskHandlers, (typeof VISIT_CALL_NAMES)[number]> {
    return callsOf(this, VISIT_CALL_NAMES);
  }

  async deskSignIn({ deskId, pin }: CallInput<'deskSignIn'>): Promise<CallOutput<'deskSignIn'>> {
    const result = this.sessions.signIn(deskId, pin);
    if (result.ok) return { token: result.token, deskId, serviceIds: this.serviceIdsOf(result.desk) };
    switch (result.reason) {
      case 'unknown-desk':
        throw new KioskError('unknown-desk', `deskId: no desk "${deskId}" is configured on this kiosk`);
      case 'no-pin':
        throw new KioskError(
          'desk-pin-not-set',
          `desk ${deskId} has no PIN yet: set one with \`npm run set-pin -- --desk ${deskId}\``,
        );
      case 'locked':
        throw new KioskError(
          'desk-locked',
          `too many wrong PINs: desk ${deskId} can sign in again at ${result.until.toISOString()}`,
        );
      case 'wrong-pin':
        throw new KioskError('wrong-pin', `wrong PIN: ${result.attemptsLeft} more wrong PINs lock desk ${deskId}`);
    }
  }

  async deskSignOut({ token }: CallInput<'deskSignOut'>): Promise<CallOutput<'deskSignOut'>> {
    this.requireDesk(token);
    this.sessions.signOut(token);
    return {};
  }

  async getDeskState({ token }: CallInput<'getDeskState'>): Promise<DeskState> {
    const desk = this.requireDesk(token);
    const tickets = this.todayTickets();
    const current = this.currentOf(desk, tickets) ?? null;
    return {
      deskId: desk.id,
      serviceIds: this.serviceIdsOf(desk),
      current,
      waiting: this.callOrder(desk, tickets),
      standardMinutes: current ? (this.parts.settings.services().get(current.serviceId)?.serviceMinutes ?? null) : null,
      amberAtShare: this.parts.settings.config().queue.amberAtShare,
    };
  }

  async callNext({ token }: CallInput<'callNext'>): Promise<Ticket | null> {
    const desk = this.requireDesk(token);
    for (let attempt = 0; attempt < CALL_RETRIES; attempt++) {
      const tickets = this.todayTickets();
      const current = this.currentOf(desk, tickets);
      if (current) {
        throw new KioskError(
          'desk-busy',
          `desk ${desk.id} still has ${current.number} (${current.state}): finish it, mark it no-show or transfer it first`,
        );
      }
      const next = this.callOrder(desk, tickets)[0];
      if (!next) return null;
      const called = this.step(next, 'called', ['waiting'], desk.id);
      if (called) {
        this.announceCall(called, false);
        return called;
      }
      // Another desk called the same ticket a moment before: pick again from the queue as it is now.
    }
    throw new KioskError('internal', `desk ${desk.id} could not call a ticket: other desks kept taking them`);
  }

  async recallTicket({ token }: CallInput<'recallTicket'>): Promise<Ticket> {
    const recalled = this.stepCurrent(token, 'recalled', ['called']);
    this.announceCall(recalled, true);
    return recalled;
  }

  async startVisit({ token }: CallInput<'startVisit'>): Promise<Ticket> {
    return this.changed(this.stepCurrent(token, 'started', ['called']));
  }

  async finishVisit({ token }: CallInput<'finishVisit'>): Promise<Ticket> {
    return this.ended(this.stepCurrent(token, 'finished', AT_DESK));
  }

  async markNoShow({ token }: CallInput<'markNoShow'>): Promise<Ticket> {
    return this.changed(this.stepCurrent(token, 'no-show', ['called']));
  }

  async transferVisit({ token, serviceId }: CallInput<'transferVisit'>): Promise<Ticket> {
    const desk = this.requireDesk(token);
    if (!this.parts.settings.services().has(serviceId)) {
      throw new KioskError('unknown-service', `serviceId: no enabled service has id "${serviceId}"`);
    }
    const current = this.requireCurrent(desk, AT_DESK);
    if (current.serviceId === serviceId) {
      throw new KioskError('invalid-input', `serviceId: ${current.number} is already for "${serviceId}"`);
    }
    const moved = this.step(current, 'transferred', AT_DESK, desk.id, serviceId);
    if (!moved) throw this.noCurrentVisit(desk);
    return this.changed(moved);
  }

  /**
   * The external queue system's way to end a visit by number (local API): the same finish as a
   * desk's, from waiting, called or serving. Ending a finished visit again only repeats the event;
   * a no-show is refused.
   */
  async endVisit({ number }: CallInput<'endVisit'>): Promise<Ticket> {
    const ticket = this.findToday(number);
    if (ticket.state !== 'done') {
      const finished = this.step(ticket, 'finished', ENDABLE, ticket.deskId);
      if (finished) return this.ended(finished);
    }
    // Finished already, or its state changed between the read and the step (a desk finished it or
    // marked it no-show at that instant): read it once more and answer from what it is now.
    const now = this.findToday(number);
    if (now.state !== 'done') {
      throw new KioskError(
        'no-current-visit',
        `number: ${now.number} is ${now.state}; only a waiting, called or served visit can be ended`,
      );
    }
    this.parts.emit('visitEnded', now);
    return now;
  }

  private findToday(number: string): Ticket {
    const ticket = this.parts.store.findTicket(this.today(), number.trim().toUpperCase());
    if (!ticket) throw new KioskError('ticket-not-found', `number: no ticket ${number} was issued today`);
    return ticket;
  }

  async listHallCalls({ limit = 8 }: CallInput<'listHallCalls'>): Promise<HallCall[]> {
    const day = this.today();
    const ticketsById = new Map(this.parts.store.listTickets(day).map((ticket) => [ticket.id, ticket]));
    return this.parts.store
      .listVisitEvents(day)
      .filter((event) => (event.kind === 'called' || event.kind === 'recalled') && event.deskId !== null)
      .reverse()
      .slice(0, limit)
      .flatMap((event) => {
        const ticket = ticketsById.get(event.ticketId);
        return ticket
          ? [
              {
                number: ticket.number,
                deskId: event.deskId!,
                language: ticket.language,
                calledAt: event.at,
                recall: event.kind === 'recalled',
              },
            ]
          : [];
      });
  }

  async getWaitEstimate({ serviceId, priority }: CallInput<'getWaitEstimate'>): Promise<WaitEstimate> {
    const service = this.parts.settings.services().get(serviceId);
    if (!service) throw new KioskError('unknown-service', `serviceId: no enabled service has id "${serviceId}"`);
    return this.waitEstimate(service, priority ?? null);
  }

  /**
   * People ahead of a ticket taken now (or of `waitingTicket`, already in the queue: its phone page),
   * and the minutes that makes with the desks open for the service.
   */
  waitEstimate(service: Service, priority: string | null, waitingTicket?: Ticket): WaitEstimate {
    const { store } = this.parts;
    const config = this.parts.settings.config();
    const waiting = this.todayTickets()
      .filter((ticket) => ticket.state === 'waiting' && ticket.serviceId === service.id)
      .map((ticket) => asWaiting(ticket, config));
    const ahead = peopleAhead(
      waiting,
      waitingTicket ? asWaiting(waitingTicket, config) : { id: 0, priority, issuedOrder: Number.POSITIVE_INFINITY },
    );
    const perVisit = serviceMinutes(store.recentServingMinutes(service.id, config.queue.averageWindow), {
      standardMinutes: service.serviceMinutes,
      minFinished: config.queue.minFinishedForAverage,
      window: config.queue.averageWindow,
    });
    const desksOpen = this.sessions.openDesks().filter((desk) => deskServes(desk, service.id)).length;
    const minutes = estimatedWaitMinutes(ahead, perVisit, desksOpen);
    return { peopleAhead: ahead, minutes, long: minutes !== null && minutes > config.queue.longWaitMinutes };
  }

  /** Today's waiting tickets of the desk's services, in the order the desk would call them. */
  private callOrder(desk: DeskConfig, tickets: readonly Ticket[]): Ticket[] {
    const config = this.parts.settings.config();
    const waiting = tickets.filter((ticket) => ticket.state === 'waiting' && deskServes(desk, ticket.serviceId));
    const priorityById = new Map(tickets.map((ticket) => [ticket.id, ticket.priority]));
    const calls = this.parts.store
      .listVisitEvents(this.today())
      .filter((event) => event.kind === 'called' && deskServes(desk, event.serviceId))
      .map((event) => ({ priority: priorityById.get(event.ticketId) ?? null }));
    const { maxInRow } = config.priority;
    let streak = priorityStreak(calls);
    const remaining = waiting.map((ticket) => ({ ...asWaiting(ticket, config), ticket }));
    const order: Ticket[] = [];
    for (let next = pickNext(remaining, streak, maxInRow); next; next = pickNext(remaining, streak, maxInRow)) {
      order.push(next.ticket);
      remaining.splice(remaining.indexOf(next), 1);
      streak = next.priority === null ? 0 : streak + 1;
    }
    return order;
  }

  private stepCurrent(token: string, kind: VisitStep['kind'], from: readonly VisitState[]): Ticket {
    const desk = this.requireDesk(token);
    const current = this.requireCurrent(desk, from);
    const moved = this.step(current, kind, from, desk.id);
    if (!moved) throw this.noCurrentVisit(desk);
    return moved;
  }

  private step(
    ticket: Ticket,
    kind: VisitStep['kind'],
    from: readonly VisitState[],
    deskId: string | null,
    toServiceId?: string,
  ): Ticket | undefined {
    return this.parts.store.recordVisitStep({
      ticketId: ticket.id,
      kind,
      from,
      deskId,
      at: this.parts.clock.now(),
      ...(toServiceId !== undefined && { toServiceId }),
    });
  }

  private announceCall(ticket: Ticket, recall: boolean): void {
    const call: HallCall = {
      number: ticket.number,
      deskId: ticket.deskId!,
      language: ticket.language,
      calledAt: recall ? this.parts.clock.now().toISOString() : ticket.calledAt!,
      recall,
    };
    this.parts.emit('ticketCalled', { ticket, call });
    this.parts.emit('visitChanged', ticket);
  }

  private changed(ticket: Ticket): Ticket {
    this.parts.emit('visitChanged', ticket);
    return ticket;
  }

  private ended(ticket: Ticket): Ticket {
    this.parts.emit('visitChanged', ticket);
    this.parts.emit('visitEnded', ticket);
    return ticket;
  }

  private requireDesk(token: string): DeskConfig {
    const desk = this.sessions.deskOf(token);
    if (!desk) throw new KioskError('desk-session-required', 'this desk is not signed in: sign in with its PIN');
    return desk;
  }

  private requireCurrent(desk: DeskConfig, states: readonly VisitState[]): Ticket {
    const current = this.currentOf(desk, this.todayTickets());
    if (!current || !states.includes(current.state)) throw this.noCurrentVisit(desk, current);
    return current;
  }

  private noCurrentVisit(desk: DeskConfig, current?: Ticket): KioskError {
    return new KioskError(
      'no-current-visit',
      current
        ? `desk ${desk.id}: ${current.number} is ${current.state}, which does not allow this`
        : `desk ${desk.id} has no visit called or being served`,
    );
  }

  private currentOf(desk: DeskConfig, tickets: readonly Ticket[]): Ticket | undefined {
    return tickets.find((ticket) => ticket.deskId === desk.id && AT_DESK.includes(ticket.state));
  }

  private serviceIdsOf(desk: DeskConfig): string[] {
    return desk.serviceIds.includes('*') ? [...this.parts.settings.services().keys()] : [...desk.serviceIds];
  }

  private todayTickets(): Ticket[] {
    return this.parts.store.listTickets(this.today());
  }

  private today(): string {
    return localDay(this.parts.clock.now(), this.parts.settings.config().timeZone);
  }
}

/**
 * A transferred ticket keeps its place by issue order in the new queue: its visitor has waited once
 * already. A device's own order is its row order (a bus's clock may be set back mid-day); the hall
 * server orders by issue time, so a kiosk's tickets handed over after a cut take their places.
 */
const asWaiting = (ticket: Ticket, config: KioskConfig) => ({
  id: ticket.id,
  priority: ticket.priority,
  issuedOrder: config.role === 'hall-server' ? Date.parse(ticket.issuedAt) : ticket.id,
});
