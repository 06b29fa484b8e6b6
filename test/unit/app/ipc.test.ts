import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { forwardKioskEvents, registerKioskCalls } from '../../../main/app/ipc';
import { KIOSK_CALL_NAMES, ipcChannel, kioskCalls } from '../../../main/contract';
import type {
  Catalog,
  CallResult,
  KioskCallName,
  LogEntry,
  KioskInfo,
  PrinterReport,
  Rating,
  Ticket,
} from '../../../main/contract';
import { KioskError } from '../../../main/core/errors';
import type { KioskEventListener, KioskHandlers } from '../../../main/core/kiosk-core';
import { fakeEmitter } from './fake-emitter';

type InvokeHandler = (event: Partial<IpcMainInvokeEvent>, input: unknown) => Promise<unknown>;

const ipcMain = vi.hoisted(() => ({
  handle: vi.fn<(channel: string, handler: InvokeHandler) => void>(),
  removeHandler: vi.fn<(channel: string) => void>(),
}));
vi.mock('electron', () => ({ ipcMain }));

const info: KioskInfo = {
  centreName: 'ASAN xidmət',
  languages: ['az', 'en'],
  defaultLanguage: 'az',
  resultScreenSeconds: 12,
  kioskId: 'kiosk-1',
  timeZone: 'Asia/Baku',
  priorityCategories: ['elderly'],
  role: 'bus',
  ratingDeskIds: [],
  phoneUrl: null,
  rating: {
    faces: 5,
    lowScoreAtMost: 2,
    reasons: ['staff'],
    repeatTapSeconds: 3,
    changeSeconds: 60,
    windowMinutes: 30,
  },
  idle: { seconds: 70, warningSeconds: 20 },
  accessibilityDefaults: { largeText: false, highContrast: false, lowReach: false, audioGuidance: false },
};
const ticket: Ticket = {
  id: 7,
  number: 'A-007',
  group: 'A',
  sequence: 7,
  localDay: '2025-03-01',
  serviceId: 'passport',
  language: 'az',
  issuedAt: '2025-03-01T08:00:00.000Z',
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
};
const rating: Rating = {
  ticketId: 7,
  score: 5,
  reasons: [],
  language: 'az',
  serviceId: 'passport',
  deskId: '1',
  visitEndedAt: '2025-03-01T08:15:00.000Z',
  ratedAt: '2025-03-01T08:20:00.000Z',
};

/** Every call this test does not use answers with a failure, so the fake keeps up with the contract. */
const notUsedHere = Object.fromEntries(
  KIOSK_CALL_NAMES.map((name) => [
    name,
    vi.fn(async () => {
      throw new Error(`${name} is not used here`);
    }),
  ]),
) as unknown as KioskHandlers;

function fakeHandlers() {
  return {
    ...notUsedHere,
    getKioskInfo: vi.fn(async (): Promise<KioskInfo> => info),
    getCatalog: vi.fn(async (): Promise<Catalog> => {
      throw new Error('not used here');
    }),
    getServiceAvailability: vi.fn(async () => ({ state: 'open' as const })),
    issueTicket: vi.fn(async (): Promise<Ticket> => ticket),
    listTodayTickets: vi.fn(async (): Promise<Ticket[]> => [ticket]),
    endVisit: vi.fn(async (): Promise<Ticket> => ticket),
    submitRating: vi.fn(async (): Promise<Rating> => rating),
    getPrinterStatus: vi.fn(async (): Promise<PrinterReport> => {
      throw new Error('not used here');
    }),
    reprintTicket: vi.fn(async (): Promise<Ticket> => ticket),
    technicianUnlock: vi.fn(async () => ({ token: 'session', mustChangePin: false })),
    changeTechnicianPin: vi.fn(async () => ({ mustChangePin: false })),
    exportConfiguration: vi.fn(async () => ({ settings: {}, withheld: [] })),
    importConfiguration: vi.fn(async () => ({ restartRequired: true })),
    listSerialPorts: vi.fn(async () => []),
    readLog: vi.fn(async (): Promise<LogEntry[]> => []),
  } satisfies KioskHandlers;
}

const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } } as unknown as Partial<IpcMainInvokeEvent>;
const fromFrame = (url: string) => ({ senderFrame: { url } }) as unknown as Partial<IpcMainInvokeEvent>;

function handlerFor(name: KioskCallName): InvokeHandler {
  const registration = ipcMain.handle.mock.calls.find(([channel]) => channel === ipcChannel.call(name));
  if (!registration) throw new Error(`no handler for ${name}`);
  return registration[1];
}

beforeEach(() => {
  ipcMain.handle.mockClear();
  ipcMain.removeHandler.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('registerKioskCalls', () => {
  test('registers exactly one handler per call of the contract, on its own channel', () => {
    registerKioskCalls(fakeHandlers());
    const channels = ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(channels.toSorted()).toEqual(
      Object.keys(kioskCalls)
        .map((name) => `kiosk:call:${name}`)
        .toSorted(),
    );
    expect(new Set(channels).size).toBe(channels.length);
  });

  test('removes every handler again when disposed', () => {
    const dispose = registerKioskCalls(fakeHandlers());
    dispose();
    expect(ipcMain.removeHandler.mock.calls.map(([channel]) => channel).toSorted()).toEqual(
      ipcMain.handle.mock.calls.map(([channel]) => channel).toSorted(),
    );
  });

  test("runs the service's method for the app and answers with the envelope", async () => {
    const handlers = fakeHandlers();
    registerKioskCalls(handlers);
    const result = await handlerFor('issueTicket')(fromApp, { serviceId: 'passport', language: 'az' });
    expect(result).toEqual({ ok: true, value: ticket } satisfies CallResult<'issueTicket'>);
    // The caller is the kiosk's own screen: IPC, no address, this machine.
    expect(handlers.issueTicket).toHaveBeenCalledExactlyOnceWith(
      { serviceId: 'passport', language: 'az' },
      { transport: 'ipc', address: null, loopback: true },
    );
    expect(await handlerFor('getKioskInfo')(fromApp, {})).toEqual({ ok: true, value: info });
  });

  test('refuses a call from a frame of another origin, or from no frame, before running anything', async () => {
    const handlers = fakeHandlers();
    registerKioskCalls(handlers);
    const issue = handlerFor('issueTicket');
    const input = { serviceId: 'passport', language: 'az' };
    for (const url of ['https://evil.example/', 'file:///tmp/page.html', 'app://other/index.html', 'about:blank']) {
      await expect(issue(fromFrame(url), input), url).rejects.toThrow(/refused/);
    }
    await expect(issue({ senderFrame: null }, input)).rejects.toThrow(/refused/);
    expect(handlers.issueTicket).not.toHaveBeenCalled();
  });

  test('answers invalid input with invalid-input, without running the method', async () => {
    const handlers = fakeHandlers();
    registerKioskCalls(handlers);
    for (const input of [
      { serviceId: '', language: 'az' },
      { serviceId: 'x', language: 'fr' },
      'issue',
      { extra: 1 },
    ]) {
      const result = (await handlerFor('issueTicket')(fromApp, input)) as CallResult<'issueTicket'>;
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-input');
    }
    expect(await handlerFor('submitRating')(fromApp, { ticketId: 7, score: 9 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(handlers.issueTicket).not.toHaveBeenCalled();
    expect(handlers.submitRating).not.toHaveBeenCalled();
  });

  test("passes a KioskError's code and message on", async () => {
    const handlers = fakeHandlers();
    handlers.endVisit.mockRejectedValue(new KioskError('ticket-not-found', 'no ticket A-999 was issued today'));
    registerKioskCalls(handlers);
    expect(await handlerFor('endVisit')(fromApp, { number: 'A-999' })).toEqual({
      ok: false,
      error: { code: 'ticket-not-found', message: 'no ticket A-999 was issued today' },
    });
  });

  test('reports any other fault as internal, without its message or stack', async () => {
    const handlers = fakeHandlers();
    handlers.listTodayTickets.mockRejectedValue(new Error('SQLITE_CORRUPT at /var/lib/kiosk/kiosk.sqlite'));
    const onInternalError = vi.fn();
    registerKioskCalls(handlers, onInternalError);
    const result = (await handlerFor('listTodayTickets')(fromApp, {})) as CallResult<'listTodayTickets'>;
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|kiosk\.sqlite|at /);
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  test('refuses an answer that breaks the contract as internal', async () => {
    const handlers = fakeHandlers();
    handlers.endVisit.mockResolvedValue({ ...ticket, issuedAt: 'yesterday' });
    registerKioskCalls(handlers, () => {});
    expect(await handlerFor('endVisit')(fromApp, { number: 'A-007' })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('forwardKioskEvents', () => {
  function setUp(url = 'app://kiosk/index.html') {
    const listeners = new Set<KioskEventListener>();
    const service = {
      subscribe: vi.fn((listener: KioskEventListener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      }),
    };
    const emit: KioskEventListener = (event, payload) => listeners.forEach((listener) => listener(event, payload));
    const state = { destroyed: false, url };
    const contents = {
      ...fakeEmitter(),
      send: vi.fn(),
      isDestroyed: () => state.destroyed,
      getURL: () => state.url,
    };
    forwardKioskEvents(service, contents as unknown as WebContents);
    return { emit, contents, state, listeners };
  }

  test('sends each event to the window as a frame on the event channel', () => {
    const { emit, contents } = setUp();
    emit('ticketIssued', ticket);
    emit('ratingGiven', rating);
    expect(contents.send.mock.calls).toEqual([
      [ipcChannel.event, { event: 'ticketIssued', payload: ticket }],
      [ipcChannel.event, { event: 'ratingGiven', payload: rating }],
    ]);
  });

  test('sends nothing to a window that left the app or is destroyed', () => {
    const { emit, contents, state } = setUp('https://evil.example/');
    emit('visitEnded', ticket);
    state.url = 'app://kiosk/index.html';
    state.destroyed = true;
    emit('visitEnded', ticket);
    expect(contents.send).not.toHaveBeenCalled();
  });

  test('unsubscribes when the contents are destroyed', () => {
    const { contents, listeners } = setUp();
    expect(listeners.size).toBe(1);
    contents.emit('destroyed');
    expect(listeners.size).toBe(0);
  });
});
