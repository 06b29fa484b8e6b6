import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language, type Ticket, type WaitEstimate } from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { hashPin } from '../../main/core/auth/pin';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { callApi } from '../support/api-call';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { highestButtonTop, overflowProblems, seriousAxeViolations, smallTargets } from '../support/screen-checks';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/rating');

interface KioskTexts {
  rating: { title: string; reason: Record<string, string> };
  rateLookup: { refused: Record<string, string> };
  terminal: { title: string };
  thanks: { title: string };
}
const texts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/kiosk.json`), 'utf8')) as KioskTexts;

const DESK_PINS = { '1': '111111', '2': '222222' } as const;
const DESKS = Object.entries(DESK_PINS).map(([id, pin]) => ({ id, serviceIds: ['*'], pinHash: hashPin(pin) }));

/** A browser shell on its own data directory, with the sample catalog open round the clock. */
async function startKiosk(prefix: string, config: Record<string, unknown>) {
  const dir = tempDir(prefix);
  const catalogFile = join(dir.path, 'catalog.json');
  writeFileSync(catalogFile, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(configFile, JSON.stringify({ timeZone: 'Asia/Baku', catalogPath: catalogFile, ...config }));
  const shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
  return { dir, shell };
}

/** One call of the local API, as a queue system or a desk tablet makes it. */
const call = <T>(shell: RunningShell, name: string, input: object = {}): Promise<T> =>
  callApi<T>(shell.url, name, input);

const issue = (shell: RunningShell, language: Language, serviceId = 'passport') =>
  call<Ticket>(shell, 'issueTicket', { serviceId, language });

/** A desk serves its next visitor from call to finish; the finish asks that visitor for a rating. */
async function serveNext(shell: RunningShell, token: string): Promise<Ticket> {
  const called = await call<Ticket | null>(shell, 'callNext', { token });
  if (!called) throw new Error('no ticket was waiting for the desk');
  await call(shell, 'startVisit', { token });
  return call<Ticket>(shell, 'finishVisit', { token });
}

const signIn = async (shell: RunningShell, deskId: keyof typeof DESK_PINS) =>
  (await call<{ token: string }>(shell, 'deskSignIn', { deskId, pin: DESK_PINS[deskId] })).token;

interface StoredRating {
  score: number;
  reasons: string;
  language: string;
  desk_id: string | null;
}
function storedRating(dir: { path: string }, ticketId: number): StoredRating | undefined {
  const db = new Database(join(dir.path, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT score, reasons, language, desk_id FROM ratings WHERE ticket_id = ?').get(ticketId) as
      StoredRating | undefined;
  } finally {
    db.close();
  }
}

/** Screenshot, overflow, touch-target and axe checks of the screen on show, in portrait and landscape. */
async function checkBoth(page: Page, name: string) {
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${orientation}.png`) });
    expect(await overflowProblems(page), `${name} ${orientation}`).toEqual([]);
    expect(await smallTargets(page), `${name} ${orientation}`).toEqual([]);
    expect(await seriousAxeViolations(page), `${name} ${orientation}`).toEqual([]);
  }
  await page.setViewportSize(PORTRAIT);
}

/** Every button in the lower 62 % of the screen, in both orientations. */
async function expectLowReach(page: Page, name: string) {
  for (const viewport of [PORTRAIT, LANDSCAPE]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    expect(await highestButtonTop(page), `${name} ${viewport.width}×${viewport.height}`).toBeGreaterThanOrEqual(
      viewport.height * 0.38 - 1,
    );
    expect(await overflowProblems(page), name).toEqual([]);
  }
  await page.setViewportSize(PORTRAIT);
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('bus kiosk: the rating screen after every ended visit (Chromium → browser shell → SQLite)', () => {
  let kiosk: Awaited<ReturnType<typeof startKiosk>>;
  let page: Page;

  beforeAll(async () => {
    kiosk = await startKiosk('kiosk-e2e-rating-bus-', {
      role: 'bus',
      resultScreenSeconds: 20,
      rating: { repeatTapSeconds: 2 },
    });
    page = await browser.newPage({ viewport: PORTRAIT });
  });
  afterAll(async () => {
    await page?.close();
    await kiosk?.shell.stop();
    kiosk?.dir.remove();
  });

  async function endedVisitOnScreen(language: Language): Promise<Ticket> {
    await page.goto(kiosk.shell.url);
    await page.getByTestId('screen-attract').waitFor();
    const ticket = await issue(kiosk.shell, language);
    await call(kiosk.shell, 'endVisit', { number: ticket.number });
    await page.getByTestId('screen-rating').waitFor();
    return ticket;
  }

  for (const language of LANGUAGES) {
    it(`${language}: a low score opens the reason chips; the rating is stored with its reason`, async () => {
      const ticket = await endedVisitOnScreen(language);
      const words = texts(language);
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      expect(await page.locator('h1').innerText()).toBe(words.rating.title);
      expect(await page.getByTestId('rating-reasons').count()).toBe(0);
      await page.getByTestId('rating-face-2').click();
      await page.getByTestId('rating-reasons').waitFor();
      await page.getByTestId('rating-reason-waiting-time').click();
      expect(await page.getByTestId('rating-reason-waiting-time').getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByTestId('rating-reason-waiting-time').innerText()).toBe(
        words.rating.reason['waiting-time'],
      );
      if (language === 'az' || language === 'kk') await checkBoth(page, `rating-chips-${language}`);
      await page.getByTestId('rating-done').click();
      await page.getByTestId('screen-thanks').waitFor();
      expect(await page.locator('h1').innerText()).toBe(words.thanks.title);
      expect(storedRating(kiosk.dir, ticket.id)).toMatchObject({
        score: 2,
        reasons: '["waiting-time"]',
        language,
      });
    });
  }

  it('ignores a second face tapped within the repeat-tap time, and takes one after it', async () => {
    const ticket = await endedVisitOnScreen('en');
    await page.getByTestId('rating-face-2').click();
    await page.getByTestId('rating-face-5').click();
    expect(await page.getByTestId('rating-face-2').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('rating-face-5').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('rating-reasons').isVisible()).toBe(true);
    // Stored at the first tap; the second one, too soon, changed nothing.
    await page.getByTestId('rating-saved').waitFor();
    expect(storedRating(kiosk.dir, ticket.id)).toMatchObject({ score: 2 });
    await page.waitForTimeout(2_100);
    await page.getByTestId('rating-face-5').click();
    await page.getByTestId('rating-saved').waitFor();
    expect(await page.getByTestId('rating-face-5').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('rating-done').click();
    await page.getByTestId('screen-thanks').waitFor();
    expect(storedRating(kiosk.dir, ticket.id)).toMatchObject({ score: 5, reasons: '[]' });
  });

  it('low reach keeps every control of the rating screen and of the ticket screen low', async () => {
    await endedVisitOnScreen('kk');
    await page.getByTestId('access-lowReach').click();
    await page.getByTestId('rating-face-1').click();
    await page.getByTestId('rating-reasons').waitFor();
    await page.getByTestId('rating-saved').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'rating-low-reach-kk-portrait.png') });
    await expectLowReach(page, 'rating with chips');
    await page.getByTestId('rating-done').click();
    await page.getByTestId('screen-thanks').waitFor();

    await page.goto(kiosk.shell.url);
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('language-kk').click();
    await page.getByTestId('provider-internal-affairs').click();
    await page.getByTestId('category-ia-documents').click();
    await page.getByTestId('service-passport').click();
    await page.getByTestId('take-ticket').click();
    await page.getByTestId('screen-ticket').waitFor();
    expect(await page.getByTestId('ticket-wait').isVisible()).toBe(true);
    await page.getByTestId('access-lowReach').click();
    await expectLowReach(page, 'ticket');
    await page.screenshot({ path: join(SCREENSHOTS, 'ticket-low-reach-kk-portrait.png') });
  });
});

describe('hall kiosk: rating by ticket number or a scanned QR code, the wait estimate, a desk’s rating tablet', () => {
  let kiosk: Awaited<ReturnType<typeof startKiosk>>;
  let page: Page;

  beforeAll(async () => {
    kiosk = await startKiosk('kiosk-e2e-rating-hall-', {
      role: 'hall-kiosk',
      resultScreenSeconds: 20,
      desks: DESKS,
      rating: { faces: 4, repeatTapSeconds: 1 },
      queue: { longWaitMinutes: 1 },
    });
    page = await browser.newPage({ viewport: PORTRAIT });
  });
  afterAll(async () => {
    await page?.close();
    await kiosk?.shell.stop();
    kiosk?.dir.remove();
  });

  async function openNumberEntry(language: Language) {
    await page.goto(kiosk.shell.url);
    await page.getByTestId('attract-rate').click();
    await page.getByTestId(`language-${language}`).click();
    await page.getByTestId('screen-rate-lookup').waitFor();
  }

  async function typeNumber(number: string) {
    await page.getByTestId('key-clear').click();
    for (const key of number.replace('-', '')) await page.getByTestId(`key-${key}`).click();
    expect(await page.getByTestId('rate-lookup-code').innerText()).toBe(number);
  }

  it('asks no rating itself when a visit ends: the desks’ tablets do', async () => {
    await page.goto(kiosk.shell.url);
    await page.getByTestId('screen-attract').waitFor();
    await checkBoth(page, 'attract-with-rate');
    const ticket = await issue(kiosk.shell, 'az');
    await call(kiosk.shell, 'endVisit', { number: ticket.number });
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('screen-attract').isVisible()).toBe(true);
    expect(await page.getByTestId('screen-rating').count()).toBe(0);
  });

  for (const language of ['az', 'kk'] as const) {
    it(`${language}: rate by the typed ticket number on four faces; refusals said politely`, async () => {
      const words = texts(language);
      const waiting = await issue(kiosk.shell, language);
      await openNumberEntry(language);
      await typeNumber(waiting.number);
      await checkBoth(page, `rate-by-number-${language}`);
      await page.getByTestId('rate-lookup-find').click();
      await page.getByTestId('rate-lookup-refused-visit-not-ended').waitFor();
      expect(await page.getByTestId('rate-lookup-refused-visit-not-ended').innerText()).toBe(
        words.rateLookup.refused['visit-not-ended'],
      );
      await checkBoth(page, `rate-by-number-refused-${language}`);

      await call(kiosk.shell, 'endVisit', { number: waiting.number });
      await page.getByTestId('rate-lookup-find').click();
      await page.getByTestId('screen-rating').waitFor();
      expect(await page.locator('[data-testid^="rating-face-"]').count()).toBe(4);
      expect(await page.getByTestId('rating-face-3').count()).toBe(0);
      await page.getByTestId('rating-face-4').click();
      await page.getByTestId('rating-done').click();
      await page.getByTestId('screen-thanks').waitFor();
      expect(storedRating(kiosk.dir, waiting.id)).toMatchObject({ score: 4, reasons: '[]', language });

      // The same visit again: refused, in the visitor's language.
      await openNumberEntry(language);
      await typeNumber(waiting.number);
      await page.getByTestId('rate-lookup-find').click();
      await page.getByTestId('rate-lookup-refused-already-rated').waitFor();
      expect(await page.getByTestId('rate-lookup-refused-already-rated').innerText()).toBe(
        words.rateLookup.refused['already-rated'],
      );
      await typeNumber('M-999');
      await page.getByTestId('rate-lookup-find').click();
      await page.getByTestId('rate-lookup-refused-ticket-not-found').waitFor();
    });
  }

  it('rates from a simulated wedge scan (fake scanner: the code as one burst of key events in the page); slow typing is ignored', async () => {
    const ticket = await issue(kiosk.shell, 'uz');
    await call(kiosk.shell, 'endVisit', { number: ticket.number });
    const qr = `KIOSK-TICKET:kiosk-1:${ticket.localDay}:${ticket.number}`;
    await page.goto(kiosk.shell.url);
    await page.getByTestId('screen-attract').waitFor();

    // A person typing on a keyboard: far slower than a scanner, so nothing happens.
    await page.keyboard.type(qr.slice(-5), { delay: 150 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    expect(await page.getByTestId('screen-attract').isVisible()).toBe(true);

    // A scanner's keys reach the page a few milliseconds apart. Typed one by one through the
    // DevTools protocol they can arrive 40+ ms apart on a loaded machine, so the burst is sent
    // from inside the page, where nothing can come between the keys.
    await page.evaluate((code) => {
      for (const key of [...code, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    }, qr);
    await page.getByTestId('screen-rating').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('uz');
    await page.getByTestId('rating-face-1').click();
    await page.getByTestId('rating-reason-staff').click();
    await page.getByTestId('rating-reason-result').click();
    await page.getByTestId('rating-done').click();
    await page.getByTestId('screen-thanks').waitFor();
    expect(storedRating(kiosk.dir, ticket.id)).toMatchObject({ score: 1, language: 'uz' });
    expect(JSON.parse(storedRating(kiosk.dir, ticket.id)!.reasons)).toEqual(['staff', 'result']);
  });

  for (const language of ['az', 'kk'] as const) {
    it(`${language}: a long wait is shown on the service page and confirmed before the ticket`, async () => {
      // One desk open and people waiting: a wait past the configured minute.
      await signIn(kiosk.shell, '1');
      for (let i = 0; i < 2; i++) await issue(kiosk.shell, 'ru');
      const estimate = await call<WaitEstimate>(kiosk.shell, 'getWaitEstimate', { serviceId: 'passport' });
      expect(estimate.long).toBe(true);

      await page.goto(kiosk.shell.url);
      await page.getByTestId('screen-attract').click();
      await page.getByTestId(`language-${language}`).click();
      await page.getByTestId('provider-internal-affairs').click();
      await page.getByTestId('category-ia-documents').click();
      await page.getByTestId('service-passport').click();
      await page.getByTestId('service-wait').waitFor();
      expect(await page.getByTestId('service-wait').getAttribute('data-people-ahead')).toBe(
        String(estimate.peopleAhead),
      );
      expect(await page.getByTestId('service-wait').getAttribute('data-minutes')).toBe(String(estimate.minutes));
      await page.getByTestId('take-ticket').click();
      await page.getByTestId('long-wait').waitFor();
      expect(await page.getByTestId('long-wait-text').innerText()).toContain(String(estimate.minutes));
      await checkBoth(page, `long-wait-${language}`);
      await page.getByTestId('long-wait-no').click();
      expect(await page.getByTestId('long-wait').count()).toBe(0);
      expect(await page.getByTestId('screen-service').isVisible()).toBe(true);

      await page.getByTestId('take-ticket').click();
      await page.getByTestId('long-wait-yes').click();
      await page.getByTestId('screen-ticket').waitFor();
      expect(await page.getByTestId('ticket-wait').getAttribute('data-people-ahead')).toBe(
        String(estimate.peopleAhead),
      );
      await checkBoth(page, `ticket-wait-${language}`);
      await page.getByTestId('ticket-done').click();
    });
  }

  it('the rating tablet of desk 2 (rating.html?desk=2) ignores desk 1’s visits and asks desk 2’s visitor', async () => {
    const tablet = await browser.newPage({ viewport: PORTRAIT });
    try {
      await tablet.goto(`${kiosk.shell.url}/rating.html?desk=2`);
      await tablet.getByTestId('screen-rating-waiting').waitFor();
      expect(await tablet.locator('h1').innerText()).toBe(texts('az').terminal.title);
      await checkBoth(tablet, 'rating-tablet-waiting-az');

      const desk1 = await signIn(kiosk.shell, '1');
      const desk2 = await signIn(kiosk.shell, '2');
      await serveNext(kiosk.shell, desk1);
      await tablet.waitForTimeout(1_000);
      expect(await tablet.getByTestId('screen-rating-waiting').isVisible()).toBe(true);

      const served = await serveNext(kiosk.shell, desk2);
      await tablet.getByTestId('screen-rating').waitFor();
      expect(await tablet.getByTestId('rating-ticket-number').innerText()).toContain(served.number);
      expect(await tablet.locator('html').getAttribute('lang')).toBe(served.language);
      await tablet.getByTestId('rating-face-5').click();
      await tablet.getByTestId('rating-saved').waitFor();
      await checkBoth(tablet, 'rating-tablet-saved-az');
      await tablet.getByTestId('rating-done').click();
      await tablet.getByTestId('screen-thanks').waitFor();
      expect(storedRating(kiosk.dir, served.id)).toMatchObject({ score: 5, desk_id: '2' });
    } finally {
      await tablet.close();
    }
  });
});

describe('a kiosk set up as the rating terminal of desk 2 (role rating-terminal)', () => {
  let kiosk: Awaited<ReturnType<typeof startKiosk>>;
  let page: Page;

  beforeAll(async () => {
    kiosk = await startKiosk('kiosk-e2e-rating-terminal-', {
      role: 'rating-terminal',
      defaultLanguage: 'kk',
      desks: DESKS,
      ratingDeskIds: ['2'],
      resultScreenSeconds: 20,
    });
    page = await browser.newPage({ viewport: PORTRAIT });
  });
  afterAll(async () => {
    await page?.close();
    await kiosk?.shell.stop();
    kiosk?.dir.remove();
  });

  it('waits calmly, then asks desk 2’s visitor in their language, with reasons after a low score', async () => {
    await page.goto(kiosk.shell.url);
    await page.getByTestId('screen-rating-waiting').waitFor();
    expect(await page.locator('h1').innerText()).toBe(texts('kk').terminal.title);
    expect(await page.getByTestId('attract-rate').count()).toBe(0);
    await checkBoth(page, 'rating-terminal-waiting-kk');

    await issue(kiosk.shell, 'ru');
    await issue(kiosk.shell, 'ky');
    await serveNext(kiosk.shell, await signIn(kiosk.shell, '1'));
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('screen-rating-waiting').isVisible()).toBe(true);

    const served = await serveNext(kiosk.shell, await signIn(kiosk.shell, '2'));
    expect(served.language).toBe('ky');
    await page.getByTestId('screen-rating').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ky');
    await page.getByTestId('rating-face-2').click();
    await page.getByTestId('rating-reason-premises').click();
    await checkBoth(page, 'rating-terminal-chips-ky');
    await page.getByTestId('access-lowReach').click();
    await expectLowReach(page, 'rating terminal with chips');
    await page.getByTestId('rating-done').click();
    await page.getByTestId('screen-thanks').waitFor();
    expect(storedRating(kiosk.dir, served.id)).toMatchObject({ score: 2, reasons: '["premises"]', desk_id: '2' });
  });
});
