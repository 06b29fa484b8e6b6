import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LANGUAGES, type DayReport, type EventFrame, type Language, type Ticket } from '../../main/contract';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import { callApi } from '../support/api-call';
import { DESK_PIN } from '../support/desk-fixture';
import { HallOnThisMachine, until, type HallKioskId } from '../support/hall-processes';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import { TcpFaultProxy } from '../support/tcp-fault-proxy';

/*
 * A day in a hall, every device its own process or connection and each enrolled: one hall server,
 * three kiosks printing on their own serial printers (PTY pairs with the printer emulator), two desk
 * consoles, a hall display on the events socket and a rating tablet, all through the API as their
 * pages make the calls. Sixty visitors in the six languages; kiosk-2 is cut off for a while; the
 * server is killed with SIGKILL mid-day and started again. Afterwards the day's report holds every
 * ticket once, every number printed was called or marked, and the figures match what happened.
 */

const VISITORS = 60;
const KIOSKS: HallKioskId[] = ['kiosk-1', 'kiosk-2', 'kiosk-3'];
const SERVICES = ['passport', 'identity-card'] as const;

/** The hall display: every call it is shown, reconnecting like the page does after a drop. */
class DisplayListener {
  readonly called: string[] = [];
  private socket: WebSocket | null = null;
  private closed = false;

  constructor(
    private readonly url: () => string,
    private readonly token: string,
  ) {}

  connect(): void {
    if (this.closed) return;
    const socket = new WebSocket(`${this.url().replace('http', 'ws')}/api/events?token=${this.token}`);
    this.socket = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as EventFrame;
      if (frame.event === 'ticketCalled') this.called.push(frame.payload.call.number);
    });
    socket.on('error', () => {});
    socket.on('close', () => setTimeout(() => this.connect(), 200));
  }

  isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.closed = true;
    this.socket?.terminate();
  }
}

describe('a day in a hall: 60 visitors, three kiosks, two desks, a display and a rating tablet (real processes)', () => {
  const hall = new HallOnThisMachine();
  let proxy: TcpFaultProxy;
  const printers = new Map<HallKioskId, { pty: PtyPair; emulator: PrinterEmulator }>();
  let display: DisplayListener;

  beforeAll(async () => {
    proxy = new TcpFaultProxy({ host: '127.0.0.1', port: await hall.reserveServerPort() });
    const proxyPort = await proxy.listen();
    hall.allowHosts([`127.0.0.1:${proxyPort}`]);
    await hall.startServer();
    for (const id of KIOSKS) {
      const pty = await openPtyPair();
      const emulator = await PrinterEmulator.open({ path: pty.b });
      printers.set(id, { pty, emulator });
      const server = id === 'kiosk-2' ? `http://127.0.0.1:${proxyPort}` : hall.serverUrl();
      await hall.startKiosk(id, server, { args: ['--printer-port', pty.a] });
    }
    await until(() => KIOSKS.every((id) => hall.knowsItsBlock(id)), 'every kiosk has its block');
    display = new DisplayListener(() => hall.serverUrl(), await hall.enrolDevice('display', 'Hall screen'));
    display.connect();
    await until(() => display.isOpen(), 'the display is connected');
  }, 120_000);

  afterAll(async () => {
    display?.close();
    await hall.close();
    await proxy.close();
    for (const { pty, emulator } of printers.values()) {
      await emulator.close();
      await pty.close();
    }
  });

  it('ends with every ticket once, every printed number called or marked, and the figures of what happened', async () => {
    const issued: Ticket[] = [];
    const visitor = async (index: number) => {
      const kiosk = KIOSKS[index % KIOSKS.length]!;
      const language: Language = LANGUAGES[index % LANGUAGES.length]!;
      issued.push(await hall.issue(kiosk, SERVICES[index % SERVICES.length], language));
    };
    for (let index = 0; index < 20; index++) await visitor(index);
    // Kiosk-2 cut off for a while: its visitors still get tickets, from its own block.
    proxy.refuse(true);
    proxy.cut();
    for (let index = 20; index < 32; index++) await visitor(index);
    proxy.refuse(false);
    for (let index = 32; index < 40; index++) await visitor(index);
    // The server killed mid-day: every kiosk serves from its block until it is back.
    await hall.server!.kill();
    for (let index = 40; index < 50; index++) await visitor(index);
    await hall.startServer();
    for (let index = 50; index < VISITORS; index++) await visitor(index);

    expect(issued).toHaveLength(VISITORS);
    expect(new Set(issued.map((ticket) => ticket.number)).size).toBe(VISITORS);
    expect(issued.every((ticket) => ticket.printStatus === 'printed')).toBe(true);
    expect(issued.filter((ticket) => ticket.issuedOffline).length).toBeGreaterThanOrEqual(4 + 10);
    // Each ticket came out of the printer of the kiosk that issued it, once.
    const printedNumbers = [...printers.values()].flatMap(({ emulator }) =>
      emulator.tickets.map((ticket) => {
        const qr = ticket.ops.find((op) => op.kind === 'qrPrint');
        return qr && 'data' in qr ? qr.data.split(':').at(-1)! : '?';
      }),
    );
    expect(printedNumbers.sort()).toEqual(issued.map((ticket) => ticket.number).sort());

    // Every ticket reaches the server once its kiosk hands it over, outcome and all.
    await until(
      async () => {
        const held = await hall.serverTickets();
        return held.length === VISITORS && held.every((ticket) => ticket.printStatus === 'printed');
      },
      'the server holds all 60 tickets as printed',
      60_000,
    );
    await until(() => display.isOpen(), 'the display is connected again');

    // The two desks work the queue through: every seventh visitor has gone, the rest are served.
    const server = hall.serverUrl();
    const desks = await Promise.all(
      ['1', '4'].map(async (deskId) => {
        const device = await hall.enrolDevice('console', `Desk ${deskId}`);
        const { token } = await callApi<{ token: string }>(server, 'deskSignIn', { deskId, pin: DESK_PIN }, device);
        return (name: string) => callApi<Ticket | null>(server, name, { token }, device);
      }),
    );
    const rater = await hall.enrolDevice('rating-tablet', 'Tablet');
    const served: string[] = [];
    const noShows: string[] = [];
    const scores: number[] = [];
    for (let turn = 0; ; turn++) {
      const desk = desks[turn % desks.length]!;
      const called = await desk('callNext');
      if (!called) break;
      if ((served.length + noShows.length) % 7 === 6) {
        await desk('markNoShow');
        noShows.push(called.number);
        continue;
      }
      await desk('startVisit');
      const finished = (await desk('finishVisit'))!;
      served.push(finished.number);
      // Two of three served visitors rate at the tablet; scores run through the five faces.
      if (served.length % 3 !== 0) {
        const score = (served.length % 5) + 1;
        await callApi(server, 'submitRating', { ticketId: finished.id, score }, rater);
        scores.push(score);
      }
    }
    expect(served.length + noShows.length).toBe(VISITORS);
    // Every number printed was called, once, and the display showed each call.
    await until(() => display.called.length >= VISITORS, 'the display saw every call');
    expect([...display.called].sort()).toEqual(issued.map((ticket) => ticket.number).sort());

    const report = (await desks[0]!('getDayReport')) as unknown as DayReport;
    expect(report.totals).toMatchObject({ tickets: VISITORS, served: served.length, noShows: noShows.length });
    const distribution = [1, 2, 3, 4, 5].map((face) => scores.filter((score) => score === face).length);
    expect(report.totals.ratings).toMatchObject({ count: scores.length, distribution });
    expect(report.totals.printNotConfirmed).toBe(0);
    const held = await hall.serverTickets();
    expect(
      held
        .filter((ticket) => ticket.state === 'done')
        .map((t) => t.number)
        .sort(),
    ).toEqual(served.sort());
    expect(
      held
        .filter((ticket) => ticket.state === 'no-show')
        .map((t) => t.number)
        .sort(),
    ).toEqual(noShows.sort());
  }, 300_000);
});
