import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayReport, Language, Ticket } from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { hashPin } from '../../main/core/auth/pin';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { callApi } from '../support/api-call';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { overflowProblems, seriousAxeViolations } from '../support/screen-checks';

/**
 * Every vote is counted (issue 10 §1): a face tapped on the bus kiosk is in the SQLite file as soon
 * as the screen says "Saved", whatever happens next: the visitor walks away (idle reset), the page
 * is reloaded, or the browser shell's process is killed with SIGKILL and started again. Real
 * Chromium, the real browser shell process, the real SQLite file read back with better-sqlite3.
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/rating');
const PIN = '271828';

interface KioskTexts {
  rating: { saved: string; savedHint: string; done: string };
}
const texts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/kiosk.json`), 'utf8')) as KioskTexts;

let browser: Browser;
let dir: ReturnType<typeof tempDir>;
let args: string[];
let shell: RunningShell;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dir = tempDir('kiosk-e2e-every-vote-');
  const catalogFile = join(dir.path, 'catalog.json');
  writeFileSync(catalogFile, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      timeZone: 'Asia/Baku',
      catalogPath: catalogFile,
      role: 'bus',
      resultScreenSeconds: 5,
      desks: [{ id: '1', serviceIds: ['*'], pinHash: hashPin(PIN) }],
      // The shortest idle the settings allow, and a screen's time longer than it: the idle reset comes first.
      idle: { seconds: 10, warningSeconds: 5 },
      rating: { repeatTapSeconds: 1, changeSeconds: 120 },
    }),
  );
  args = ['--data-dir', dir.path, '--config', configFile];
  shell = await startBrowserShell(args);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: PORTRAIT });
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await shell?.stop();
  dir?.remove();
});

const call = <T>(name: string, input: object = {}): Promise<T> => callApi<T>(shell.url, name, input);

/** The rating row and its history as another process reads the file: only what was committed. */
function stored(ticketId: number) {
  const db = new Database(join(dir.path, 'kiosk.sqlite'), { readonly: true });
  try {
    const rating = db.prepare('SELECT score, reasons, language FROM ratings WHERE ticket_id = ?').get(ticketId) as
      { score: number; reasons: string; language: string } | undefined;
    const history = db
      .prepare('SELECT kind, score, reasons FROM rating_events WHERE ticket_id = ? ORDER BY id')
      .all(ticketId) as { kind: string; score: number; reasons: string }[];
    const offered = db.prepare('SELECT COUNT(*) AS n FROM rating_offers WHERE ticket_id = ?').get(ticketId) as {
      n: number;
    };
    return { rating, history, offered: offered.n === 1 };
  } finally {
    db.close();
  }
}

/** A visitor of `language` served and finished: the bus kiosk shows their rating screen. */
async function ratingOnScreen(language: Language): Promise<Ticket> {
  await page.goto(shell.url);
  await page.getByTestId('screen-attract').waitFor();
  const ticket = await call<Ticket>('issueTicket', { serviceId: 'passport', language });
  await call('endVisit', { number: ticket.number });
  await page.getByTestId('screen-rating').waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe(language);
  return ticket;
}

/** Taps a face and waits for the screen to say the answer is saved, in the visitor's language. */
async function tapAndSeeSaved(score: number, language: Language) {
  await page.getByTestId(`rating-face-${score}`).click();
  await page.getByTestId('rating-saved').waitFor();
  expect(await page.getByTestId('rating-saved').innerText()).toContain(texts(language).rating.saved);
  expect(await page.getByTestId('rating-done').innerText()).toBe(texts(language).rating.done);
}

describe('every vote is counted (Chromium → browser shell → SQLite)', () => {
  for (const language of ['az', 'ru'] as const) {
    it(`${language}: a low face tapped, then the visitor walks away; after the idle reset the score is in the file`, async () => {
      const ticket = await ratingOnScreen(language);
      await tapAndSeeSaved(1, language);
      if (language === 'az') {
        for (const [name, viewport] of [
          ['portrait', PORTRAIT],
          ['landscape', LANDSCAPE],
        ] as const) {
          await page.setViewportSize(viewport);
          await page.waitForTimeout(100);
          await page.screenshot({ path: join(SCREENSHOTS, `rating-saved-low-${language}-${name}.png`) });
          expect(await overflowProblems(page), name).toEqual([]);
          expect(await seriousAxeViolations(page), name).toEqual([]);
        }
        await page.setViewportSize(PORTRAIT);
      }
      // Nobody touches the screen: the "Need more time?" warning, then the reset to the start.
      await page.getByTestId('screen-attract').waitFor({ timeout: 25_000 });
      expect(stored(ticket.id)).toEqual({
        rating: { score: 1, reasons: '[]', language },
        history: [{ kind: 'tapped', score: 1, reasons: '[]' }],
        offered: true,
      });
    }, 40_000);
  }

  for (const language of ['en', 'kk'] as const) {
    it(`${language}: a face tapped, then the page is reloaded; the score is in the file`, async () => {
      const ticket = await ratingOnScreen(language);
      await tapAndSeeSaved(2, language);
      await page.reload();
      await page.getByTestId('screen-attract').waitFor();
      expect(stored(ticket.id).rating).toEqual({ score: 2, reasons: '[]', language });
    });
  }

  it('az: a face tapped, then the page’s renderer crashes (Chromium Page.crash); the score is in the file', async () => {
    const ticket = await ratingOnScreen('az');
    await tapAndSeeSaved(5, 'az');
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    const cdp = await page.context().newCDPSession(page);
    // The call never answers: the renderer it would answer from is gone.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    expect(stored(ticket.id).rating).toEqual({ score: 5, reasons: '[]', language: 'az' });
    await page.close().catch(() => undefined);
    page = await browser.newPage({ viewport: PORTRAIT });
    await page.goto(shell.url);
    await page.getByTestId('screen-attract').waitFor();
  });

  for (const language of ['ky', 'uz'] as const) {
    it(`${language}: a face tapped, then the browser shell is killed (SIGKILL) and started again on the same data folder`, async () => {
      const ticket = await ratingOnScreen(language);
      await tapAndSeeSaved(2, language);
      await page.getByTestId('rating-reason-staff').click();
      // The reasons are acknowledged once the store shows them; then the power goes.
      await expect.poll(() => stored(ticket.id).rating?.reasons).toBe('["staff"]');
      await shell.kill();
      shell = await startBrowserShell(args);
      expect(stored(ticket.id)).toMatchObject({ rating: { score: 2, reasons: '["staff"]', language }, offered: true });
      // The restarted kiosk keeps the rating final: the same visit cannot be rated twice.
      await page.goto(shell.url);
      await page.getByTestId('screen-attract').waitFor();
      await expect(call('findTicketForRating', { code: ticket.number })).rejects.toThrow(/already-rated/);
    });
  }

  it('2 then 4 within the screen’s time: score 4, two history rows; reasons after the tap join the same row', async () => {
    const ticket = await ratingOnScreen('ru');
    await tapAndSeeSaved(2, 'ru');
    await page.getByTestId('rating-reason-waiting-time').click();
    await page.getByTestId('rating-reason-premises').click();
    await expect.poll(() => stored(ticket.id).rating?.reasons).toBe('["waiting-time","premises"]');
    expect(stored(ticket.id).rating?.score).toBe(2);
    await page.waitForTimeout(1_100);
    await page.getByTestId('rating-face-4').click();
    await expect.poll(() => stored(ticket.id).rating?.score).toBe(4);
    await page.getByTestId('rating-saved').waitFor();
    // A good score has no reasons: the chips close, and the stored row drops them with the low score.
    expect(await page.getByTestId('rating-reasons').count()).toBe(0);
    const { rating, history } = stored(ticket.id);
    expect(rating).toEqual({ score: 4, reasons: '[]', language: 'ru' });
    expect(history.filter((step) => step.kind !== 'reasons-set').map((step) => [step.kind, step.score])).toEqual([
      ['tapped', 2],
      ['changed', 4],
    ]);
    expect(history.map((step) => step.kind)).toEqual(['tapped', 'reasons-set', 'reasons-set', 'changed']);
    await page.getByTestId('rating-done').click();
    await page.getByTestId('screen-thanks').waitFor();
    expect(stored(ticket.id).history).toHaveLength(4);
  });

  it('a rating screen shown and left without a tap counts as offered, not rated: the day’s response rate says so', async () => {
    const ticket = await ratingOnScreen('en');
    await expect.poll(() => stored(ticket.id).offered).toBe(true);
    await page.goto(shell.url);
    expect(stored(ticket.id).rating).toBeUndefined();
    const token = (await call<{ token: string }>('deskSignIn', { deskId: '1', pin: PIN })).token;
    const { totals } = await call<DayReport>('getDayReport', { token });
    // Every visit above was offered; all but this one were rated.
    expect(totals.ratings.offered).toBe(totals.served);
    expect(totals.ratings.count).toBe(totals.served - 1);
    expect(totals.ratings.responseRate).toBeCloseTo((totals.served - 1) / totals.served, 6);
  });
});
