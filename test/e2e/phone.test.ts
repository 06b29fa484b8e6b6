import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language, PhoneTicket, Ticket } from '../../main/contract';
import { callApi } from '../support/api-call';
import { PORTRAIT, launchChromium } from '../support/chromium';
import { DESK_PIN } from '../support/desk-fixture';
import { HallOnThisMachine } from '../support/hall-processes';
import { overflowProblems, overlapProblems } from '../support/screen-checks';

/*
 * A visitor's phone following their ticket on the hall server (README, "A hall on one queue"): the
 * QR code's link /t/<ref> opened in Chromium at 360×640, a small old phone. The place in the queue
 * and the wait, the desk when called (vibration, the chime once sound is on), the rating after the
 * visit, stored on the server; a ticket in another language, one not known, one of an earlier day,
 * a lost connection. Screenshots go to test-artifacts/screenshots/phone/.
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/phone');
const PHONE = { width: 360, height: 640 } as const;

/** Records every vibration the page asks for, and counts the oscillators it starts (the chime is synthesised). */
const RECORD_ALERTS = `
  (() => {
    window.__vibrations = [];
    Object.defineProperty(Navigator.prototype, 'vibrate', {
      configurable: true,
      value: function (pattern) {
        window.__vibrations.push(pattern);
        return true;
      },
    });
    window.__oscillatorsStarted = 0;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args) {
      window.__oscillatorsStarted += 1;
      return start.apply(this, args);
    };
  })();
`;

/** A text of the locale files, its placeholders filled: what the page must show. */
function text(language: Language, namespace: 'phone' | 'kiosk', key: string, values: Record<string, string> = {}) {
  const file = join(import.meta.dirname, `../../locales/${language}/${namespace}.json`);
  let node: unknown = JSON.parse(readFileSync(file, 'utf8'));
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no text ${namespace}:${key} in ${language}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

const vibrations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __vibrations: number[][] }).__vibrations.length);
const oscillators = (page: Page) =>
  page.evaluate(() => (window as unknown as { __oscillatorsStarted: number }).__oscillatorsStarted);
const mainText = (page: Page) => page.locator('main').innerText();

/**
 * Nothing runs out of its box or off the side, no words over words or buttons, every button big
 * enough for a thumb. The page scrolls where a phone's screen is too short (the rating's reasons, a
 * notice above it all), so the screen checks look at the whole page: the window is made as tall as
 * the page for them. What must be seen without scrolling is checked on its own (bottomOf).
 */
async function checkLayout(page: Page, what: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  if (pageHeight > viewport.height) await page.setViewportSize({ width: viewport.width, height: pageHeight });
  try {
    expect(await overflowProblems(page), what).toEqual([]);
    expect(await overlapProblems(page), what).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), what).toBe(true);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('#root button, #root select')]
        .map((el) => ({ label: (el.textContent ?? '').trim().slice(0, 30), rect: el.getBoundingClientRect() }))
        .filter(({ rect }) => rect.width > 0 && rect.height < 48)
        .map(({ label, rect }) => `${label} ${Math.round(rect.width)}×${Math.round(rect.height)}`),
    );
    expect(small, what).toEqual([]);
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** The bottom of an element, to say it is on the first screen without scrolling. */
const bottomOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => el.getBoundingClientRect().bottom);

describe('the phone page: a ticket followed from the queue to the desk and rated, on a small phone', () => {
  const hall = new HallOnThisMachine();
  let server: string;
  let kioskToken: string;
  let consoleToken: string;
  let deskToken: string;
  let browser: Browser;
  /** Every request the phone pages make, to say none leaves the hall server. */
  const requests: string[] = [];

  const issue = (language: Language, serviceId = 'passport') =>
    callApi<Ticket>(
      server,
      'hallIssueTicket',
      { kioskId: 'kiosk-1', originRef: randomUUID(), serviceId, language },
      kioskToken,
    );
  const desk = (name: string) => callApi<Ticket>(server, name, { token: deskToken }, consoleToken);
  const phoneTicket = (ref: string) => callApi<PhoneTicket>(server, 'getPhoneTicket', { ref });

  async function openPhone(ref: string, options: { locale?: string } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, locale: options.locale ?? 'en-US' });
    const page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.addInitScript(RECORD_ALERTS);
    await page.goto(`${server}/t/${ref}`);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await hall.reserveServerPort();
    await hall.startServer({ phoneUrl: `http://127.0.0.1:${port}` });
    server = hall.serverUrl();
    consoleToken = await hall.enrolDevice('console', 'Desk 2');
    kioskToken = await hall.enrolDevice('kiosk', 'k');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hall.close();
  });

  let first: Ticket;
  let mine: Ticket;
  let page: Page;

  it('opens from the QR code’s link in the ticket’s language: the number, people ahead, and no desk open yet', async () => {
    first = await issue('kk');
    mine = await issue('kk');
    expect(mine.ref).toMatch(/^[0-9a-f-]{36}$/);
    page = await openPhone(mine.ref!);
    await page.getByTestId('phone-waiting').waitFor();
    // The link moved the ref into the fragment: the page's own requests never carry it in their address.
    expect(new URL(page.url()).pathname).toBe('/phone.html');
    expect(new URL(page.url()).hash).toBe(`#t=${mine.ref}`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('kk');
    expect(await page.getByTestId('phone-number').innerText()).toBe(mine.number);
    expect(await page.getByTestId('phone-centre').innerText()).toBe('ASAN xidmət Bakı 1');
    const wait = page.getByTestId('phone-wait');
    expect(await wait.getAttribute('data-people-ahead')).toBe('1');
    expect(await wait.getAttribute('data-minutes')).toBe('none');
    expect(await wait.innerText()).toContain('Алдыңызда 1 адам');
    expect(await wait.innerText()).toContain(text('kk', 'kiosk', 'wait.noDesk'));
    await page.screenshot({ path: join(SCREENSHOTS, 'waiting-no-desk-kk-360x640.png') });
    await checkLayout(page, 'waiting, no desk (kk)');
  });

  it('updates live once a desk opens: about M minutes; sound turned on with a tap plays the chime once', async () => {
    deskToken = (await callApi<{ token: string }>(server, 'deskSignIn', { deskId: '2', pin: DESK_PIN }, consoleToken))
      .token;
    const wait = page.getByTestId('phone-wait');
    await expect.poll(() => wait.getAttribute('data-minutes'), { timeout: 15_000 }).not.toBe('none');
    const minutes = Number(await wait.getAttribute('data-minutes'));
    expect(await wait.innerText()).toContain(`шамамен ${minutes} минут`);
    await page.getByTestId('phone-sound').click();
    await page.getByTestId('phone-sound-on').waitFor();
    await expect.poll(() => oscillators(page)).toBe(2);
    // The number and the wait are on the first screen, without scrolling.
    expect(await bottomOf(page, 'phone-wait')).toBeLessThanOrEqual(PHONE.height);
    await page.screenshot({ path: join(SCREENSHOTS, 'waiting-kk-360x640.png') });
    await checkLayout(page, 'waiting (kk)');
  });

  it('says when the desk calls the number: the desk, a vibration and the chime, once per call and again at a recall', async () => {
    await desk('callNext'); // the first ticket
    await expect
      .poll(() => page.getByTestId('phone-wait').getAttribute('data-people-ahead'), { timeout: 15_000 })
      .toBe('0');
    expect(await page.getByTestId('phone-wait').innerText()).toContain(text('kk', 'kiosk', 'wait.noneAhead'));
    expect(await vibrations(page)).toBe(0);
    await desk('markNoShow');
    expect((await desk('callNext')).number).toBe(mine.number);
    await page.getByTestId('phone-call').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('phone-call').getAttribute('data-desk')).toBe('2');
    expect(await page.getByTestId('phone-call-desk').innerText()).toBe('2-терезеге барыңыз');
    expect(await page.getByTestId('phone-call').innerText()).toContain(text('kk', 'phone', 'called.title'));
    expect(await vibrations(page)).toBe(1);
    await expect.poll(() => oscillators(page)).toBe(4);
    expect(await bottomOf(page, 'phone-call')).toBeLessThanOrEqual(PHONE.height);
    await page.screenshot({ path: join(SCREENSHOTS, 'called-kk-360x640.png') });
    await checkLayout(page, 'called (kk)');
    // Polls that find the same call change nothing; a recall alerts once more.
    await page.waitForTimeout(6_000);
    expect(await vibrations(page)).toBe(1);
    await desk('recallTicket');
    await expect.poll(() => vibrations(page), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => oscillators(page)).toBe(6);
  });

  it('shows the desk while serving, then the one-screen rating; a low face and a reason are stored on the server', async () => {
    await desk('startVisit');
    await page.getByTestId('phone-serving').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('phone-serving-desk').innerText()).toContain('Сіз 2-терезедесіз');
    await page.screenshot({ path: join(SCREENSHOTS, 'serving-kk-360x640.png') });
    await checkLayout(page, 'serving (kk)');
    // The faces on show count the visit as offered a rating, as a kiosk's screen does.
    const offered = page.waitForResponse((response) => response.url().endsWith('/api/call/phoneRatingOffered'));
    await desk('finishVisit');
    await page.getByTestId('screen-rating').waitFor({ timeout: 15_000 });
    expect((await offered).status()).toBe(200);
    // The hall's rating settings: five faces by default.
    expect(await page.locator('[data-testid^="rating-face-"]').count()).toBe(5);
    expect(await page.getByTestId('rating-ticket-number').innerText()).toContain(mine.number);
    expect(await bottomOf(page, 'rating-face-5')).toBeLessThanOrEqual(PHONE.height);
    await page.screenshot({ path: join(SCREENSHOTS, 'rating-kk-360x640.png') });
    await checkLayout(page, 'rating (kk)');

    await page.getByTestId('rating-face-1').click();
    await page.getByTestId('rating-saved').waitFor();
    expect(await phoneTicket(mine.ref!)).toMatchObject({ score: 1, reasons: [], canRate: true });
    await page.getByTestId('rating-reasons').waitFor();
    await page.getByTestId('rating-reason-waiting-time').click();
    await expect.poll(async () => (await phoneTicket(mine.ref!)).reasons).toEqual(['waiting-time']);
    expect(await page.getByTestId('rating-reason-waiting-time').getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOTS, 'rating-reasons-kk-360x640.png'), fullPage: true });
    await checkLayout(page, 'rating with reasons (kk)');

    await page.getByTestId('rating-done').click();
    await page.getByTestId('phone-thanks').waitFor();
    expect(await page.getByTestId('phone-thanks').getAttribute('data-score')).toBe('1');
    expect(await page.getByTestId('phone-thanks-score').innerText()).toContain(
      text('kk', 'phone', 'rated.yourScore', { score: text('kk', 'kiosk', 'rating.score.1') }),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'thanks-kk-360x640.png') });
    await checkLayout(page, 'thanks (kk)');
    // Counted once, as a kiosk's rating: the same score on the server.
    expect(await phoneTicket(mine.ref!)).toMatchObject({ state: 'done', score: 1 });
    const firstTicket = await phoneTicket(first.ref!);
    expect(firstTicket.state).toBe('no-show');
  });

  let russian: Page;

  it('follows a ticket in Russian, on a small phone and on a large screen, and switches language on request', async () => {
    // Desk 1 serves identity cards, and nobody has signed in there.
    const ticket = await issue('ru', 'identity-card');
    russian = await openPhone(ticket.ref!);
    await russian.getByTestId('phone-waiting').waitFor();
    expect(await russian.evaluate(() => document.documentElement.lang)).toBe('ru');
    const shown = await mainText(russian);
    expect(shown).toContain(text('ru', 'kiosk', 'wait.noneAhead'));
    expect(shown).toContain(text('ru', 'kiosk', 'wait.noDesk'));
    expect(shown).toContain(text('ru', 'phone', 'waiting.keepOpen'));
    expect(await russian.getByTestId('phone-service').innerText()).not.toBe('');
    await russian.screenshot({ path: join(SCREENSHOTS, 'waiting-ru-360x640.png') });
    await checkLayout(russian, 'waiting (ru) 360×640');
    await russian.setViewportSize(PORTRAIT);
    await russian.screenshot({ path: join(SCREENSHOTS, 'waiting-ru-1080x1920.png') });
    await checkLayout(russian, 'waiting (ru) 1080×1920');
    await russian.setViewportSize(PHONE);

    await russian.getByTestId('phone-language').selectOption('en');
    await expect.poll(() => russian.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await mainText(russian)).toContain('Nobody is ahead of you');
    await russian.getByTestId('phone-language').selectOption('ru');
    await expect.poll(() => russian.evaluate(() => document.documentElement.lang)).toBe('ru');
  });

  it('says calmly when the connection is lost, keeps the last known ticket, and carries on when it is back', async () => {
    await russian.route('**/api/call/getPhoneTicket', (route) => route.abort());
    await russian.getByTestId('phone-offline').waitFor({ timeout: 15_000 });
    expect(await russian.getByTestId('phone-offline').innerText()).toContain(text('ru', 'phone', 'offline'));
    await russian.getByTestId('phone-waiting').waitFor();
    expect(await russian.getByTestId('phone-number').innerText()).toMatch(/^[A-Z]-\d{3}$/);
    await russian.screenshot({ path: join(SCREENSHOTS, 'offline-ru-360x640.png') });
    await checkLayout(russian, 'offline (ru)');
    await russian.unroute('**/api/call/getPhoneTicket');
    await russian.getByTestId('phone-offline').waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('says a ticket it does not know is not known yet, in the phone’s language, and keeps asking', async () => {
    const page = await openPhone(randomUUID(), { locale: 'az-AZ' });
    await page.getByTestId('phone-not-found').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('az');
    expect(await mainText(page)).toContain(text('az', 'phone', 'notFound.title'));
    await page.screenshot({ path: join(SCREENSHOTS, 'not-found-az-360x640.png') });
    await checkLayout(page, 'not found (az)');
  });

  it('says a ticket of an earlier day is from that day and no longer in the queue', async () => {
    // A kiosk cut off for days hands over a ticket it numbered from its block then.
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const ref = randomUUID();
    await callApi(
      server,
      'hallHandOver',
      {
        kioskId: 'kiosk-1',
        tickets: [
          {
            originRef: ref,
            number: 'A-901',
            group: 'A',
            sequence: 901,
            localDay: day,
            serviceId: 'passport',
            language: 'uz',
            priority: null,
            issuedAt: `${day}T08:00:00.000Z`,
            printStatus: 'printed',
            printError: null,
            issuedOffline: true,
          },
        ],
      },
      kioskToken,
    );
    expect(await phoneTicket(ref)).toMatchObject({ today: false, localDay: day });
    const page = await openPhone(ref);
    await page.getByTestId('phone-earlier-day').waitFor();
    const [year, month, date] = day.split('-');
    expect(await mainText(page)).toContain(
      text('uz', 'phone', 'earlierDay.title', { day: `${date}.${month}.${year}` }),
    );
    expect(await mainText(page)).toContain(text('uz', 'phone', 'earlierDay.body'));
    await page.screenshot({ path: join(SCREENSHOTS, 'earlier-day-uz-360x640.png') });
    await checkLayout(page, 'earlier day (uz)');
  });

  it('opened without a ticket, says so; and no page asked anything of anyone but the hall server', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${server}/phone.html`);
    await page.getByTestId('phone-no-link').waitFor();
    const origin = new URL(server).origin;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    // The ref is in an address only as the QR code's link itself: every later request leaves it in the fragment.
    expect(
      requests.filter((url) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(url) && !new URL(url).pathname.startsWith('/t/')),
    ).toEqual([]);
  });
});
