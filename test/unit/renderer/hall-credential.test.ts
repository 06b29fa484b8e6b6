import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskApiError } from '../../../main/contract';
import { createClientOver } from '../../../renderer/src/api/create-client';
import {
  addressWithoutToken,
  CREDENTIAL_KEY,
  HallCredential,
  type KeptStorage,
} from '../../../renderer/src/api/hall-credential';
import { httpTransport } from '../../../renderer/src/api/http-transport';

/** localStorage as a browser keeps it, per origin. */
class MemoryStorage implements KeptStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const PAGE = 'http://hall-server.lan:8787/hall.html?speak=az';

function pageAt(href: string, storage: KeptStorage = new MemoryStorage()) {
  const url = new URL(href);
  const location = { href, pathname: url.pathname, search: url.search, hash: url.hash };
  const history = { state: null, replaceState: vi.fn() };
  return { location, history, localStorage: storage };
}

describe('a hall device page’s credential', () => {
  it('takes #token=… once: keeps it and takes it out of the address, leaving the rest', () => {
    const page = pageAt(`${PAGE}#token=abc123`);
    const credential = HallCredential.ofPage(page);
    expect(credential.token).toBe('abc123');
    expect(page.localStorage.getItem(CREDENTIAL_KEY)).toBe('abc123');
    expect(page.history.replaceState).toHaveBeenCalledWith(null, '', '/hall.html?speak=az');
    expect(credential.needsEnrolment()).toBe(false);
  });

  it('opens afterwards with the kept one, the address untouched', () => {
    const storage = new MemoryStorage();
    storage.setItem(CREDENTIAL_KEY, 'kept');
    const page = pageAt(PAGE, storage);
    expect(HallCredential.ofPage(page).token).toBe('kept');
    expect(page.history.replaceState).not.toHaveBeenCalled();
  });

  it('prefers a new fragment over the kept one (a device enrolled again with npm run hall -- page)', () => {
    const storage = new MemoryStorage();
    storage.setItem(CREDENTIAL_KEY, 'old');
    expect(HallCredential.ofPage(pageAt(`${PAGE}#token=new`, storage)).token).toBe('new');
    expect(storage.getItem(CREDENTIAL_KEY)).toBe('new');
  });

  it('has none on a page never enrolled, and works without storage (private mode)', () => {
    expect(HallCredential.ofPage(pageAt(PAGE)).token).toBeNull();
    const refusing = new MemoryStorage();
    refusing.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    refusing.getItem = () => {
      throw new Error('SecurityError');
    };
    const credential = HallCredential.ofPage(pageAt(`${PAGE}#token=t`, refusing));
    expect(credential.token).toBe('t');
    expect(() => credential.refused()).not.toThrow();
  });

  it('refused: drops the kept credential, asks for enrolment and tells its listeners once', () => {
    const page = pageAt(`${PAGE}#token=revoked`);
    const credential = HallCredential.ofPage(page);
    const told = vi.fn();
    credential.subscribe(told);
    credential.refused();
    credential.refused();
    expect(credential.needsEnrolment()).toBe(true);
    expect(told).toHaveBeenCalledTimes(1);
    expect(page.localStorage.getItem(CREDENTIAL_KEY)).toBeNull();
  });

  it('refused: keeps a credential another tab enrolled meanwhile', () => {
    const page = pageAt(`${PAGE}#token=revoked`);
    const credential = HallCredential.ofPage(page);
    page.localStorage.setItem(CREDENTIAL_KEY, 'enrolled-in-another-tab');
    credential.refused();
    expect(page.localStorage.getItem(CREDENTIAL_KEY)).toBe('enrolled-in-another-tab');
  });

  it('keeps the credential hallEnrol gave', () => {
    const page = pageAt(PAGE);
    HallCredential.ofPage(page).keep('fresh');
    expect(page.localStorage.getItem(CREDENTIAL_KEY)).toBe('fresh');
  });

  it('takes only the token out of a fragment', () => {
    expect(addressWithoutToken({ pathname: '/console.html', search: '?lng=kk', hash: '#token=x' })).toBe(
      '/console.html?lng=kk',
    );
    expect(addressWithoutToken({ pathname: '/hall.html', search: '', hash: '#token=x&view=wide' })).toBe(
      '/hall.html#view=wide',
    );
  });
});

/** A WebSocket that never opens: the server away, or refusing the handshake (a browser cannot tell which). */
class RefusedSocket extends EventTarget {
  static opened: string[] = [];
  constructor(readonly url: string) {
    super();
    RefusedSocket.opened.push(url);
    setTimeout(() => this.dispatchEvent(new Event('close')), 0);
  }
  close() {}
}

type Answer = { status: number; body: unknown };

describe('the HTTP transport of a hall device page', () => {
  let answers: Partial<Record<string, Answer>>;
  let sent: { name: string; authorization: string | undefined }[];

  beforeEach(() => {
    vi.useFakeTimers();
    RefusedSocket.opened = [];
    answers = {};
    sent = [];
    vi.stubGlobal('WebSocket', RefusedSocket);
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const name = new URL(url).pathname.split('/').pop()!;
      sent.push({ name, authorization: (init.headers as Record<string, string>).authorization });
      const answer = answers[name] ?? { status: 200, body: { ok: true, value: [] } };
      return new Response(JSON.stringify(answer.body), { status: answer.status });
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const UNAUTHORISED: Answer = { status: 401, body: { ok: false, error: { code: 'unauthorised', message: 'enrol' } } };
  const location = (href: string) => ({ href, hash: new URL(href).hash });

  it('sends the kept credential, on calls and on the events socket', async () => {
    const credential = new HallCredential('kept', new MemoryStorage());
    const api = createClientOver(httpTransport(location(PAGE), undefined, credential));
    await api.listHallCalls({ limit: 20 });
    expect(sent).toEqual([{ name: 'listHallCalls', authorization: 'Bearer kept' }]);
    expect(RefusedSocket.opened[0]).toBe('ws://hall-server.lan:8787/api/events?token=kept');
  });

  it('a 401 asks for enrolment; afterwards only enrolling and the setup are sent, the socket tried no more', async () => {
    const storage = new MemoryStorage();
    storage.setItem(CREDENTIAL_KEY, 'revoked');
    const credential = new HallCredential('revoked', storage);
    answers.listHallCalls = UNAUTHORISED;
    answers.getCatalog = UNAUTHORISED;
    const api = createClientOver(httpTransport(location(PAGE), undefined, credential));
    const refused = await api.listHallCalls({ limit: 20 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KioskApiError);
    expect(refused).toMatchObject({ code: 'unauthorised' });
    expect(credential.needsEnrolment()).toBe(true);
    expect(storage.getItem(CREDENTIAL_KEY)).toBeNull();

    sent = [];
    await expect(api.listHallCalls({ limit: 20 })).rejects.toMatchObject({ code: 'unauthorised' });
    await api.getKioskInfo({}).catch(() => undefined);
    await api.hallEnrol({ code: '1234-5678' }).catch(() => undefined);
    expect(sent.map((call) => call.name)).toEqual(['getKioskInfo', 'hallEnrol']);
    const sockets = RefusedSocket.opened.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(RefusedSocket.opened.length).toBe(sockets);
  });

  it('a socket refused makes one call to learn why: a refused credential stops it (a display revoked)', async () => {
    const credential = new HallCredential('revoked', new MemoryStorage());
    answers.listHallCalls = UNAUTHORISED;
    createClientOver(httpTransport(location(PAGE), undefined, credential));
    await vi.advanceTimersByTimeAsync(0);
    await vi.waitFor(() => expect(credential.needsEnrolment()).toBe(true));
    expect(sent.map((call) => call.name)).toEqual(['listHallCalls']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(RefusedSocket.opened).toHaveLength(1);
    expect(sent).toHaveLength(1);
  });

  it('a server away is no refusal: the socket keeps trying, growing its pause', async () => {
    const credential = new HallCredential('kept', new MemoryStorage());
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    createClientOver(httpTransport(location(PAGE), undefined, credential));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(credential.needsEnrolment()).toBe(false);
    expect(RefusedSocket.opened.length).toBeGreaterThan(3);
  });

  it('without a credential (the kiosk’s own pages) the token is the fragment’s and a 401 changes nothing', async () => {
    answers.getCatalog = UNAUTHORISED;
    const api = createClientOver(httpTransport(location(`${PAGE}#token=lan`)));
    await expect(api.getCatalog({})).rejects.toMatchObject({ code: 'unauthorised' });
    await api.getCatalog({}).catch(() => undefined);
    expect(sent).toEqual([
      { name: 'getCatalog', authorization: 'Bearer lan' },
      { name: 'getCatalog', authorization: 'Bearer lan' },
    ]);
  });
});
