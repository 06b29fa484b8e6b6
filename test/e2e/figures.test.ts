import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeKiosk, dataFiles, type ComposedKiosk } from '../../main/boot/compose';
import type { Language, Ticket } from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { hashPin } from '../../main/core/auth/pin';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { callApi } from '../support/api-call';
import { alwaysOpen, ManualClock, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { overflowProblems, seriousAxeViolations } from '../support/screen-checks';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/figures');
const RENDERER = join(import.meta.dirname, '../../dist/renderer');
const PINS = { '1': '111111', '2': '222222' } as const;

const figuresTexts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/figures.json`), 'utf8')) as {
    title: string;
    minutes: string;
    outOfFive: string;
    responseRateDefinition: string;
    chart: { summary: string };
  };

/** Baku is UTC+4 all year: 05:00Z is 09:00 on the centre's clock. Friday 20 November 2026. */
const at = (time: string) => new Date(`2026-11-20T${time}:00Z`);

/**
 * The kiosk composed in this process rather than as the browser shell's child process, so its
 * clock is a ManualClock the test moves between calls: the same composition, HTTP + WebSocket API,
 * SQLite file and virtual printer, serving the built pages to Chromium.
 */
describe('the day figures page (Chromium → HTTP API → SQLite, manual clock)', () => {
  const clock = new ManualClock(at('05:00'));
  let dir: ReturnType<typeof tempDir>;
  let kiosk: ComposedKiosk;
  let browser: Browser;
  let page: Page;
  const tokens: Record<string, string> = {};

  const call = <T>(name: string, input: object = {}): Promise<T> => callApi<T>(kiosk.apiUrl, name, input);

  /** Moves the clock to `time` (UTC), then makes the call. */
  const callAt = <T>(time: string, name: string, input: object = {}) => {
    clock.set(at(time));
    return call<T>(name, input);
  };
  const issue = (time: string, serviceId: string, language: Language) =>
    callAt<Ticket>(time, 'issueTicket', { serviceId, language });
  /**
   * A desk's call at `time`. The day's calls are hours apart, longer than a desk session lasts idle,
   * so each signs in afresh, as a staff member back at the desk would.
   */
  const desk = async (time: string, deskId: keyof typeof PINS, name: string) => {
    clock.set(at(time));
    tokens[deskId] = (await call<{ token: string }>('deskSignIn', { deskId, pin: PINS[deskId] })).token;
    return call<Ticket | null>(name, { token: tokens[deskId] });
  };
  const rate = (ticket: Ticket, score: number, reasons: string[] = []) =>
    call('submitRating', { ticketId: ticket.id, score, reasons });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-figures-');
    const sample = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));
    // Standards fixed here so "within standard" is worked out by hand below.
    const standards: Record<string, number> = { passport: 15, 'birth-certificate': 10 };
    const services = sample.services.map((s) => ({ ...s, serviceMinutes: standards[s.id] ?? s.serviceMinutes }));
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify({ ...sample, services }));
    const configFile = join(dir.path, 'kiosk.json');
    const desks = Object.entries(PINS).map(([id, pin]) => ({ id, serviceIds: ['*'], pinHash: hashPin(pin) }));
    writeFileSync(
      configFile,
      JSON.stringify({ timeZone: 'Asia/Baku', catalogPath: catalogFile, desks, defaultLanguage: 'az' }),
    );
    kiosk = await composeKiosk({
      dataDir: dir.path,
      configPath: configFile,
      overrides: { api: { port: 0 } },
      clock,
      rendererDir: RENDERER,
      log: () => {},
    });
    for (const [deskId, pin] of Object.entries(PINS)) {
      tokens[deskId] = (await call<{ token: string }>('deskSignIn', { deskId, pin })).token;
    }

    // The day, local times in brackets; the expected figures below are worked out from it by hand.
    const t1 = await issue('05:00', 'passport', 'az'); // 09:00
    expect((await desk('05:10', '1', 'callNext'))?.number).toBe(t1.number); // wait 10
    await desk('05:12', '1', 'startVisit');
    await desk('05:24', '1', 'finishVisit'); // service 12 ≤ 15
    await rate(t1, 5);
    const t2 = await issue('05:30', 'passport', 'kk'); // 09:30
    expect((await desk('05:50', '2', 'callNext'))?.number).toBe(t2.number); // wait 20
    await desk('05:51', '2', 'startVisit');
    const t3 = await issue('06:05', 'birth-certificate', 'az'); // 10:05
    await desk('06:11', '2', 'finishVisit'); // service 20 > 15, ended 10:11
    await rate(t2, 2, ['waiting-time', 'staff']);
    const t4 = await issue('06:20', 'birth-certificate', 'ru'); // 10:20
    expect((await desk('06:35', '1', 'callNext'))?.number).toBe(t3.number); // wait 30
    await desk('06:40', '1', 'markNoShow');
    expect((await desk('06:41', '2', 'callNext'))?.number).toBe(t4.number); // wait 21
    await desk('06:49', '2', 'finishVisit'); // straight from "called": service 8 ≤ 10, ended 10:49
    await rate(t4, 4);
    const t5 = await issue('07:00', 'passport', 'en'); // 11:00
    await issue('07:10', 'birth-certificate', 'uz'); // 11:10, left waiting
    expect((await desk('07:15', '1', 'callNext'))?.number).toBe(t5.number); // wait 15
    await desk('07:16', '1', 'startVisit'); // still being served
    clock.set(at('14:30')); // 18:30: the crew looks at the day

    browser = await launchChromium();
    page = await browser.newPage({ viewport: LANDSCAPE, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
    dir?.remove();
  });

  async function signIn(language: Language, deskId: string, pin: string) {
    await page.goto(`${kiosk.apiUrl}/figures.html?lng=${language}`);
    await page.getByTestId('figures-desk').fill(deskId);
    await page.getByTestId('figures-pin').fill(pin);
    await page.getByTestId('figures-sign-in-submit').click();
  }

  /** The page scrolls inside .figures-page: the lower half (tables, buttons) gets its own picture. */
  async function shootBottom(orientation: string, language: Language) {
    await page.locator('.figures-page').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.screenshot({ path: join(SCREENSHOTS, `figures-${language}-${orientation}-bottom.png`) });
    await page.locator('.figures-page').evaluate((el) => el.scrollTo(0, 0));
  }

  const tile = (key: string) => page.getByTestId(`figure-${key}-value`).innerText();

  it('refuses a wrong PIN with the reason shown, and no figures', async () => {
    await signIn('en', '1', '999999');
    await expect.poll(() => page.getByTestId('figures-sign-in-error').isVisible()).toBe(true);
    expect(await page.getByTestId('figures-panel').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'figures-sign-in-refused-en-landscape.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('shows the hand-worked figures of the day after a desk signs in', async () => {
    await signIn('en', '1', PINS['1']);
    await expect.poll(() => tile('tickets')).toBe('6');
    expect(await tile('served')).toBe('3');
    expect(await tile('noShows')).toBe('1');
    expect(await tile('open')).toBe('2');
    // Waits 10, 20, 30, 21, 15 → 96 / 5; service 12, 20, 8 → 40 / 3; within standard 2 of 3.
    expect(await tile('averageWait')).toBe('19.2 min');
    expect(await tile('averageService')).toBe('13.3 min');
    expect(await tile('withinStandard')).toBe('67%');
    expect(await tile('satisfaction')).toBe('3.7 of 5');
    // Beside the average, its response rate: the three served visits were each offered and rated.
    expect(await tile('responseRate')).toBe('100%');
    expect(await page.getByTestId('figure-rated-of-offered').innerText()).toBe(
      '3 of 3 asked gave a rating; 3 visits ended',
    );
    expect(await page.getByTestId('figure-response-rate-definition').innerText()).toBe(
      figuresTexts('en').responseRateDefinition,
    );
    const faces = await Promise.all(
      [1, 2, 3, 4, 5].map((score) =>
        page.getByTestId(`figure-score-${score}`).locator('.figures__face-count').innerText(),
      ),
    );
    expect(faces).toEqual(['0', '1', '0', '1', '1']);

    const deskRow = (id: string) => page.getByTestId(`figures-by-desk-${id}`).locator('td').allInnerTexts();
    expect(await deskRow('1')).toEqual(['3', '1', '1', '18.3 min', '12.0 min', '100%', '5.0 of 5', '100%']);
    expect(await deskRow('2')).toEqual(['2', '2', '0', '20.5 min', '14.0 min', '50%', '3.0 of 5', '100%']);
    const passport = page.getByTestId('figures-by-service-passport');
    expect(await passport.locator('th').innerText()).toBe('Issue of a passport');
    expect(await passport.locator('td').allInnerTexts()).toEqual([
      '3',
      '2',
      '0',
      '15.0 min',
      '16.0 min',
      '50%',
      '3.5 of 5',
      '100%',
    ]);

    const summary = figuresTexts('en')
      .chart.summary.replace('{{from}}', '09:00')
      .replace('{{to}}', '12:00')
      .replace('{{issued}}', '6')
      .replace('{{served}}', '3')
      .replace('{{peak}}', '09:00')
      .replace('{{peakIssued}}', '2');
    expect(await page.getByTestId('figures-chart-summary').innerText()).toBe(summary);
    const chart = page.getByRole('img', { name: summary });
    expect(await chart.locator('rect').count()).toBe(6);

    for (const [name, viewport] of [
      ['landscape', LANDSCAPE],
      ['portrait', PORTRAIT],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(SCREENSHOTS, `figures-en-${name}.png`) });
      expect(await overflowProblems(page), name).toEqual([]);
      expect(await seriousAxeViolations(page), name).toEqual([]);
      await shootBottom(name, 'en');
    }
  });

  it('downloads the CSV: BOM, one row per visit, names in the visitor language', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('figures-download').click()]);
    // The config names no kioskId: the default, kiosk-1.
    expect(download.suggestedFilename()).toBe('visits-kiosk-1-2026-11-20.csv');
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['number', 'service_id', 'service_name', 'service_name_en']);
    expect(lines).toHaveLength(1 + 6 + 1);
    const a2 = lines.find((line) => line.startsWith('A-002,'));
    expect(a2).toContain(',kk,2,done,2026-11-20 09:30:00,2026-11-20 09:50:00,2026-11-20 09:51:00,2026-11-20 10:11:00,');
    expect(a2).toContain(',20.0,20.0,no,yes,2,waiting-time;staff');
    await expect
      .poll(() => page.getByTestId('figures-download-outcome').innerText())
      .toContain(download.suggestedFilename());
  });

  it('prints the day summary on the (virtual) printer in the default language and says so', async () => {
    await page.getByTestId('figures-print').click();
    await expect
      .poll(() => page.getByTestId('figures-print-outcome').innerText())
      .toBe('The day summary has been printed.');
    const printed = readdirSync(dataFiles(dir.path).virtualPrinter).filter((name) => name.endsWith('-report.png'));
    expect(printed).toHaveLength(1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(
      join(SCREENSHOTS, 'day-summary-virtual-printer.png'),
      readFileSync(join(dataFiles(dir.path).virtualPrinter, printed[0]!)),
    );
  });

  it('reads the same figures in Russian, Kyrgyz, Kazakh and Azerbaijani, decimals with a comma whatever the ICU data', async () => {
    for (const language of ['ru', 'ky', 'kk', 'az'] as const) {
      await signIn(language, '2', PINS['2']);
      await expect.poll(() => tile('tickets')).toBe('6');
      // Written from the locale files, not this Chromium's Intl: with reduced ICU data it writes
      // "19.2" for ky, kk and az, as the console once showed "0.0 мин" in Kazakh.
      const texts = figuresTexts(language);
      expect(await tile('averageWait')).toBe(texts.minutes.replace('{{value}}', '19,2'));
      expect(await tile('averageService')).toBe(texts.minutes.replace('{{value}}', '13,3'));
      expect(await tile('satisfaction')).toBe(texts.outOfFive.replace('{{value}}', '3,7'));
      expect(await tile('withinStandard')).toBe(language === 'ru' ? '67\u00a0%' : '67%');
      expect(await page.locator('h2').first().innerText()).toContain(figuresTexts(language).title);
      for (const [name, viewport] of [
        ['landscape', LANDSCAPE],
        ['portrait', PORTRAIT],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(150);
        await page.screenshot({ path: join(SCREENSHOTS, `figures-${language}-${name}.png`) });
        expect(await overflowProblems(page), `${language} ${name}`).toEqual([]);
        await shootBottom(name, language);
      }
      await page.setViewportSize(LANDSCAPE);
    }
  });

  it('refuses the figures to a caller without a session', async () => {
    await expect(call('getDayReport', { token: 'not-a-session' })).rejects.toThrow('desk-session-required');
  });
});
