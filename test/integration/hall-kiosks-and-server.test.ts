import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog, DeskState, Ticket } from '../../main/contract';
import { SqliteHallDevices } from '../../main/store/sqlite-hall-devices';
import { callApi } from '../support/api-call';
import { DESK_PIN } from '../support/desk-fixture';
import { HallOnThisMachine, OFFLINE_BLOCKS, until } from '../support/hall-processes';
import { TcpFaultProxy } from '../support/tcp-fault-proxy';

/*
 * A hall: one hall server and kiosks, each its own process (the built browser shell) with its own
 * SQLite and virtual printer; kiosk-2 reaches the server through a TCP proxy the test breaks. The
 * server numbers every ticket while it can be reached; a kiosk cut off (or with the server killed)
 * numbers from its own block and hands the tickets over when it is back. Afterwards the server
 * holds every ticket printed, once, each number once, in the queue by issue time.
 */

const numbersOf = (tickets: readonly Ticket[]) => tickets.map((ticket) => ticket.number).sort();
const inBlock = (ticket: Ticket, block: { start: number; end: number }) =>
  ticket.sequence >= block.start && ticket.sequence <= block.end;

describe('a hall: kiosks issue through the hall server and print on their own printers (real processes)', () => {
  let hall: HallOnThisMachine;
  let proxy: TcpFaultProxy;

  beforeEach(async () => {
    hall = new HallOnThisMachine();
    proxy = new TcpFaultProxy({ host: '127.0.0.1', port: await hall.reserveServerPort() });
    const proxyPort = await proxy.listen();
    // The server answers requests naming it by the proxy's address too (it refuses a foreign Host).
    hall.allowHosts([`127.0.0.1:${proxyPort}`]);
    const server = await hall.startServer();
    await hall.startKiosk('kiosk-1', server.url);
    await hall.startKiosk('kiosk-2', `http://127.0.0.1:${proxyPort}`);
    await until(() => hall.knowsItsBlock('kiosk-1') && hall.knowsItsBlock('kiosk-2'), 'both kiosks have their blocks');
  }, 60_000);
  afterEach(async () => {
    await hall.close();
    await proxy.close();
  });

  it('numbers the tickets of both kiosks in one sequence, prints each at its kiosk and holds each print outcome', async () => {
    const issued: Ticket[] = [];
    for (let i = 0; i < 4; i++) {
      issued.push(await hall.issue('kiosk-1'), await hall.issue('kiosk-2', 'passport', 'az'));
    }
    expect(issued.map((ticket) => ticket.number)).toEqual([
      'A-001',
      'A-002',
      'A-003',
      'A-004',
      'A-005',
      'A-006',
      'A-007',
      'A-008',
    ]);
    expect(issued.every((ticket) => ticket.printStatus === 'printed' && !ticket.issuedOffline)).toBe(true);
    // Each kiosk printed its own four, on its own printer.
    expect(hall.printedBy('kiosk-1')).toHaveLength(4);
    expect(hall.printedBy('kiosk-2')).toHaveLength(4);
    // The server numbered them and, once handed over, holds each as printed.
    await until(
      async () => (await hall.serverTickets()).every((ticket) => ticket.printStatus === 'printed'),
      'outcomes held',
    );
    const held = await hall.serverTickets();
    expect(numbersOf(held)).toEqual(numbersOf(issued));
    // The wait the server estimated is on the ticket: the eighth visitor had seven people ahead.
    expect(issued.at(-1)!.peopleAhead).toBe(7);
  }, 60_000);

  it('a kiosk cut off issues from its own block, then hands those tickets over; the queue takes them by issue time', async () => {
    const before = await hall.issue('kiosk-1');
    proxy.refuse(true);
    proxy.cut();
    const offline = [await hall.issue('kiosk-2'), await hall.issue('kiosk-2', 'passport', 'kk')];
    const during = await hall.issue('kiosk-1');
    expect(offline.map((ticket) => ticket.number)).toEqual(['A-950', 'A-951']);
    expect(offline.every((ticket) => ticket.issuedOffline && inBlock(ticket, OFFLINE_BLOCKS['kiosk-2']))).toBe(true);
    expect(offline.every((ticket) => ticket.printStatus === 'printed' && ticket.estimatedWaitMinutes === null)).toBe(
      true,
    );
    expect(during.number).toBe('A-002');
    // While cut off the server does not know them.
    expect(numbersOf(await hall.serverTickets())).toEqual(['A-001', 'A-002']);

    proxy.refuse(false);
    await until(async () => (await hall.serverTickets()).length === 4, 'the cut-off tickets handed over', 30_000);
    const held = await hall.serverTickets();
    expect(numbersOf(held)).toEqual(['A-001', 'A-002', 'A-950', 'A-951']);
    expect(
      held
        .filter((ticket) => ticket.issuedOffline)
        .map((ticket) => ticket.number)
        .sort(),
    ).toEqual(['A-950', 'A-951']);

    // A desk calls them in the order they were taken, not the order the server heard of them.
    const consoleToken = await hall.consoleToken();
    const session = await callApi<{ token: string }>(
      hall.serverUrl(),
      'deskSignIn',
      { deskId: '2', pin: DESK_PIN },
      consoleToken,
    );
    const state = await callApi<DeskState>(hall.serverUrl(), 'getDeskState', { token: session.token }, consoleToken);
    expect(state.waiting.map((ticket) => ticket.number)).toEqual([before, ...offline, during].map((t) => t.number));
  }, 60_000);

  it('the server killed mid-day: kiosks serve from their blocks, and after its restart it holds every ticket once', async () => {
    await hall.issue('kiosk-1');
    await hall.issue('kiosk-2');
    await hall.server!.kill();
    const whileDown = [await hall.issue('kiosk-1'), await hall.issue('kiosk-2'), await hall.issue('kiosk-1')];
    expect(whileDown.map((ticket) => ticket.number)).toEqual(['A-901', 'A-950', 'A-902']);
    await hall.startServer();
    await until(
      async () => (await hall.serverTickets()).length === 5,
      'every ticket handed over after the restart',
      30_000,
    );
    const afterRestart = await hall.issue('kiosk-2');
    // The server counts on from its own numbers, past nothing of the kiosks' blocks.
    expect(afterRestart.number).toBe('A-003');
    await until(
      async () => (await hall.serverTickets()).every((t) => t.printStatus === 'printed'),
      'all outcomes held',
    );
    const held = await hall.serverTickets();
    expect(numbersOf(held)).toEqual(['A-001', 'A-002', 'A-003', 'A-901', 'A-902', 'A-950']);
    expect(hall.printedBy('kiosk-1').length + hall.printedBy('kiosk-2').length).toBe(held.length);
  }, 60_000);

  it('an answer lost on the way (the server numbered, the kiosk gave up waiting) leaves no ghost in the queue', async () => {
    // Slower than the kiosk waits: the server numbers the ticket after the kiosk issued from its
    // block, and hears of the block ticket (the handover, as slow) after that.
    proxy.delayMs(2_500);
    const ticket = await hall.issue('kiosk-2');
    expect(ticket.number).toBe('A-950');
    await until(
      async () => (await hall.serverTickets()).some((t) => t.number === 'A-950'),
      'the block ticket handed over',
      30_000,
    );
    proxy.delayMs(0);
    const held = await hall.serverTickets();
    const orphan = held.find((t) => t.number === 'A-001');
    // The number nobody holds is out of the queue, with the reason; the printed one is in it.
    expect(orphan).toMatchObject({ printStatus: 'failed', state: 'no-show' });
    expect(orphan!.printError).toContain('A-950');
    expect(held.filter((t) => t.state === 'waiting').map((t) => t.number)).toEqual(['A-950']);
    // The next visitor's ticket counts on from the orphan: numbers are never given twice.
    expect((await hall.issue('kiosk-1')).number).toBe('A-002');
  }, 60_000);

  it('a late request after its ticket was handed over gives that same ticket: nothing is numbered twice', async () => {
    proxy.delayMs(2_500);
    const ticket = await hall.issue('kiosk-2');
    expect(ticket.number).toBe('A-950');
    // From now on the link is quick: the handover overtakes the slow request still on its way.
    proxy.delayMs(0);
    await until(async () => (await hall.serverTickets()).length === 1, 'the block ticket handed over', 30_000);
    // Long enough for the slow request to arrive and be answered with the ticket the ref already names.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const held = await hall.serverTickets();
    expect(held.map((t) => [t.number, t.state, t.printStatus])).toEqual([['A-950', 'waiting', 'printed']]);
  }, 60_000);

  it('a visit ended at a desk of the server is rated on any kiosk of the hall, and counted once', async () => {
    const ticket = await hall.issue('kiosk-1', 'passport', 'uz');
    const server = hall.serverUrl();
    const device = await hall.consoleToken();
    const desk = (name: string, input: object = {}) => callApi<Ticket>(server, name, { token, ...input }, device);
    const { token } = await callApi<{ token: string }>(server, 'deskSignIn', { deskId: '2', pin: DESK_PIN }, device);
    expect((await desk('callNext')).number).toBe(ticket.number);
    await desk('startVisit');
    await desk('finishVisit');
    // The visitor types their number at the other kiosk: it finds the visit at the server.
    const kiosk2 = hall.kiosks.get('kiosk-2')!.url;
    const found = await callApi<Ticket>(kiosk2, 'findTicketForRating', { code: ticket.number.toLowerCase() });
    expect(found).toMatchObject({ number: ticket.number, state: 'done', language: 'uz' });
    await callApi(kiosk2, 'submitRating', { ticketId: found.id, score: 2 });
    // The same visit at the first kiosk, by its QR code: already rated there is the same rating.
    const kiosk1 = hall.kiosks.get('kiosk-1')!.url;
    await expect(
      callApi(kiosk1, 'findTicketForRating', { code: `KIOSK-TICKET:kiosk-1:${ticket.localDay}:${ticket.number}` }),
    ).rejects.toThrow(/already-rated/);
    const report = await callApi<{ totals: { ratings: { count: number; distribution: number[] } } }>(
      server,
      'getDayReport',
      { token },
      device,
    );
    expect(report.totals.ratings.count).toBe(1);
    expect(report.totals.ratings.distribution).toEqual([0, 1, 0, 0, 0]);
  }, 60_000);

  it('answers enrolled devices only, each within its role; a revoked device is refused at once', async () => {
    const server = hall.serverUrl();
    const issue = {
      kioskId: 'kiosk-9',
      originRef: '00000000-0000-4000-8000-000000000001',
      serviceId: 'passport',
      language: 'ru',
    };
    // No credential: nothing but enrolling and the setup.
    await expect(callApi(server, 'listHallCalls', {})).rejects.toThrow(/unauthorised/);
    await expect(callApi(server, 'hallIssueTicket', issue)).rejects.toThrow(/unauthorised/);
    // A hall display reads the calls and nothing else: it can neither issue nor end a visit.
    const display = await hall.enrolDevice('display', 'Hall screen');
    await expect(callApi(server, 'listHallCalls', {}, display)).resolves.toEqual([]);
    await expect(callApi(server, 'hallIssueTicket', issue, display)).rejects.toThrow(/unauthorised.*display/);
    await expect(callApi(server, 'endVisit', { number: 'A-001' }, display)).rejects.toThrow(/unauthorised/);
    await expect(callApi(server, 'deskSignIn', { deskId: '2', pin: DESK_PIN }, display)).rejects.toThrow(
      /unauthorised/,
    );
    // A code works once.
    const registry = new SqliteHallDevices(join(hall.serverDir(), 'kiosk.sqlite'));
    const { code } = registry.newEnrolCode('rating-tablet', 'Tablet at desk 2', new Date(Date.now() + 60_000));
    registry.close();
    await expect(callApi(server, 'hallEnrol', { code })).resolves.toMatchObject({ role: 'rating-tablet' });
    await expect(callApi(server, 'hallEnrol', { code })).rejects.toThrow(/wrong-pin/);

    // Revoked: the kiosk's next request is refused; it serves its visitor from its own block and
    // the technician's log says why.
    const kioskOne = JSON.parse(readFileSync(join(hall.kioskDir('kiosk-1'), 'hall-credential.json'), 'utf8')) as {
      deviceId: string;
      token: string;
    };
    expect((await hall.issue('kiosk-1')).number).toBe('A-001');
    hall.revoke(kioskOne.deviceId);
    await expect(callApi(server, 'hallKioskSetup', { kioskId: 'kiosk-1' }, kioskOne.token)).rejects.toThrow(
      /unauthorised/,
    );
    const next = await hall.issue('kiosk-1');
    expect(next).toMatchObject({ number: 'A-901', issuedOffline: true });
    // The list a technician reads shows it revoked, with its last contact.
    const listed = new SqliteHallDevices(join(hall.serverDir(), 'kiosk.sqlite'));
    const devices = listed.list();
    listed.close();
    expect(devices.find((device) => device.deviceId === kioskOne.deviceId)).toMatchObject({
      role: 'kiosk',
      name: 'kiosk-1',
      revokedAt: expect.any(String),
      lastContactAt: expect.any(String),
    });
  }, 60_000);
});

describe('a kiosk of a hall shows the services as its hall server has them (real processes)', () => {
  const hall = new HallOnThisMachine();
  afterEach(() => hall.close());

  it("takes the server's catalog at its first contact, as a technician's import", async () => {
    await hall.startServer({
      catalog: (catalog) => ({
        ...catalog,
        services: catalog.services.map((service) =>
          service.id === 'passport' ? { ...service, name: { ...service.name, en: 'Passport (hall server)' } } : service,
        ),
      }),
    });
    const kiosk = await hall.startKiosk('kiosk-1', hall.serverUrl());
    const passportName = async () =>
      (await callApi<Catalog>(kiosk.url, 'getCatalog')).services.find((service) => service.id === 'passport')?.name.en;
    await until(async () => (await passportName()) === 'Passport (hall server)', "the server's catalog on the kiosk");
    // Kept as the kiosk's last good catalog: a restart while cut off still shows it.
    await hall.server!.kill();
    await kiosk.kill();
    const again = await hall.startKiosk('kiosk-1', 'http://127.0.0.1:9');
    const name = (await callApi<Catalog>(again.url, 'getCatalog')).services.find((s) => s.id === 'passport')?.name.en;
    expect(name).toBe('Passport (hall server)');
  }, 60_000);
});
