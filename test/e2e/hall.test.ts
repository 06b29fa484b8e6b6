import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { callApi } from '../support/api-call';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { deskWithPin, signInAtConsole } from '../support/console-page';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/hall');
const PIN = '7315';

/** Counts the oscillators the page starts: the chime is synthesised, so this is how a test hears it. */
const COUNT_OSCILLATORS = `
  (() => {
    window.__oscillatorsStarted = 0;
    const original = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args) {
      window.__oscillatorsStarted += 1;
      return original.apply(this, args);
    };
  })();
`;

/** Elements cut off by the screen's edges or by their own box: on a hall display nothing scrolls. */
function offScreen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('#root *')].flatMap((el) => {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0) return [];
      const label = `${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
      const problems: string[] = [];
      if (rect.left < -1 || rect.right > window.innerWidth + 1) problems.push(`${label}: off the side`);
      if (rect.bottom > window.innerHeight + 1) problems.push(`${label}: below the bottom`);
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) problems.push(`${label}: text wider than its box`);
      return problems;
    }),
  );
}

describe('hall display: calls newest on top, a chime, spoken numbers, and a reload after the connection drops', () => {
  let dir: ReturnType<typeof tempDir>;
  let configFile: string;
  let shell: RunningShell;
  let browser: Browser;
  let hall: Page;
  let token: string;
  const spoken: { text: string; language: string }[] = [];
  let listHallCallsRequests = 0;

  const call = <T>(name: string, input: object): Promise<T> => callApi<T>(shell.url, name, input);

  const oscillatorsStarted = () =>
    hall.evaluate(() => (window as unknown as { __oscillatorsStarted: number }).__oscillatorsStarted);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-hall-');
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
    configFile = join(dir.path, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        timeZone: 'Asia/Baku',
        languages: ['az', 'ru', 'en'],
        defaultLanguage: 'az',
        catalogPath: catalogFile,
        desks: [deskWithPin('3', PIN)],
      }),
    );
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    hall = await browser.newPage({ viewport: LANDSCAPE });
    await hall.addInitScript(COUNT_OSCILLATORS);
    // Speech goes through the kiosk's API as it would; the test only listens to what is asked.
    await hall.route('**/api/call/speak', async (route) => {
      spoken.push(JSON.parse(route.request().postData() ?? '{}') as { text: string; language: string });
      await route.continue();
    });
    await hall.route('**/api/call/listHallCalls', async (route) => {
      listHallCallsRequests += 1;
      await route.continue();
    });
    await hall.goto(`${shell.url}/hall.html?speak=az,ru`);
    await hall.getByTestId('hall-empty').waitFor();
    token = (await call<{ token: string }>('deskSignIn', { deskId: '3', pin: PIN })).token;
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  it('shows a call at once, highlighted, with a two-tone chime and the number spoken in the languages asked for', async () => {
    await call<Ticket>('issueTicket', { serviceId: 'passport', language: 'ru' });
    const before = await oscillatorsStarted();
    await call<Ticket>('callNext', { token });
    const row = hall.getByTestId('hall-call-A-001');
    await row.waitFor();
    expect(await row.getAttribute('data-highlighted')).toBe('true');
    // The hall speaks the config's default language (az): "A-001 → Masa 3".
    const hallTexts = JSON.parse(readFileSync(join(import.meta.dirname, '../../locales/az/hall.json'), 'utf8')) as {
      desk: string;
    };
    expect(await row.locator('.hall-call__number').innerText()).toBe('A-001');
    expect(await row.locator('.hall-call__desk').innerText()).toBe(`${hallTexts.desk} 3`);
    await expect.poll(oscillatorsStarted).toBe(before + 2);
    // az first, then ru, each sentence from the language's own hall texts, the number as said aloud.
    await expect.poll(() => spoken.length, { timeout: 15_000 }).toBe(2);
    expect(spoken).toEqual([
      { text: 'Talon A 1, masa 3.', language: 'az' },
      { text: 'Талон A 1, окно 3.', language: 'ru' },
    ]);
    // The highlight passes after a few seconds.
    await expect.poll(() => row.getAttribute('data-highlighted'), { timeout: 12_000 }).toBe('false');
  });

  it('puts the newest call on top; the earlier one stays below, not highlighted', async () => {
    await call<Ticket>('startVisit', { token });
    await call<Ticket>('finishVisit', { token });
    for (const language of ['az', 'en', 'ru', 'az'] as const)
      await call<Ticket>('issueTicket', { serviceId: 'identity-card', language });
    await call<Ticket>('callNext', { token });
    await hall.getByTestId('hall-call-A-002').waitFor();
    const order = await hall
      .locator('[data-testid^="hall-call-"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')));
    expect(order).toEqual(['hall-call-A-002', 'hall-call-A-001']);
    expect(await hall.getByTestId('hall-call-A-002').getAttribute('data-highlighted')).toBe('true');
    expect(await hall.getByTestId('hall-call-A-001').getAttribute('data-highlighted')).toBe('false');
    for (const next of ['A-003', 'A-004']) {
      await call<Ticket>('markNoShow', { token });
      await call<Ticket>('callNext', { token });
      await hall.getByTestId(`hall-call-${next}`).waitFor();
    }
    for (const [orientation, viewport] of [
      ['landscape', LANDSCAPE],
      ['portrait', PORTRAIT],
    ] as const) {
      await hall.setViewportSize(viewport);
      await hall.screenshot({ path: join(SCREENSHOTS, `hall-az-${orientation}.png`) });
      expect(await offScreen(hall), orientation).toEqual([]);
      // Readable from ten metres: the newest number stands at least a tenth of the screen's height.
      const height = await hall
        .locator('.hall-call--newest .hall-call__number')
        .evaluate((el) => el.getBoundingClientRect().height);
      expect(height, orientation).toBeGreaterThan(viewport.height * 0.1);
    }
    await hall.setViewportSize(LANDSCAPE);
  });

  it('says when the connection drops, and reloads the calls once the kiosk is back', async () => {
    const port = new URL(shell.url).port;
    const loadsBefore = listHallCallsRequests;
    // A desk console is open too: it must say so when live updates stop.
    const desk = await browser.newPage({ viewport: LANDSCAPE });
    await signInAtConsole(desk, shell.url, '3', PIN, 'ru');
    await expect.poll(() => desk.getByTestId('connection-badge').getAttribute('data-connected')).toBe('true');
    await shell.stop();
    await hall.getByTestId('hall-offline').waitFor();
    await expect.poll(() => desk.getByTestId('connection-badge').getAttribute('data-connected')).toBe('false');
    expect(await desk.getByTestId('connection-badge').innerText()).toContain('Связь потеряна');
    await desk.screenshot({ path: join(SCREENSHOTS, 'console-connection-lost-ru-landscape.png') });
    await hall.screenshot({ path: join(SCREENSHOTS, 'hall-offline-az-landscape.png') });
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile, '--port', port]);
    await hall.getByTestId('hall-offline').waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => listHallCallsRequests).toBeGreaterThan(loadsBefore);
    // The calls come back from the kiosk's store, newest still on top.
    await expect
      .poll(() => hall.locator('[data-testid^="hall-call-"]').first().getAttribute('data-testid'))
      .toBe('hall-call-A-004');
    // The restarted kiosk has no desk sessions: once live again, the console asks to sign in anew.
    await expect.poll(() => desk.getByTestId('connection-badge').getAttribute('data-connected')).toBe('true');
    await desk.getByTestId('screen-sign-in').waitFor();
    await desk.close();
  });
});
