import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language, type Ticket } from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { callApi } from '../support/api-call';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { deskWithPin, signInAtConsole } from '../support/console-page';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { overflowProblems, seriousAxeViolations } from '../support/screen-checks';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/console');
const PIN = '4821';
const catalog = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));
const serviceName = (id: string, language: Language) => catalog.services.find((s) => s.id === id)!.name[language];

type ConsoleTexts = {
  signIn: { error: Record<string, string> };
  timer: Record<'within' | 'near' | 'past', string>;
  state: Record<string, string>;
};
const texts = (language: Language, namespace: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/${namespace}.json`), 'utf8')) as unknown;
const consoleTexts = (language: Language) => texts(language, 'console') as ConsoleTexts;

/** The desk's action buttons and the PIN pad's keys are pressed by thumb on a tablet: 72 px or more each way. */
async function smallConsoleTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.desk-action, .console-pad button')]
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && (rect.width < 72 || rect.height < 72))
      .map(({ el, rect }) => `${(el.textContent ?? '').trim()} ${Math.round(rect.width)}×${Math.round(rect.height)}`),
  );
}

describe('desk console and hall display (Chromium → browser shell → SQLite)', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let kiosk: Page;
  let desk: Page;
  let hall: Page;

  /** Calls the API as another program on the LAN would (to set up tickets the test does not look at). */
  const call = <T>(name: string, input: object): Promise<T> => callApi<T>(shell.url, name, input);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-console-');
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(catalog));
    const configFile = join(dir.path, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        timeZone: 'Asia/Baku',
        defaultLanguage: 'az',
        resultScreenSeconds: 30,
        catalogPath: catalogFile,
        desks: [deskWithPin('2', PIN), deskWithPin('5', '5555')],
      }),
    );
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    kiosk = await browser.newPage({ viewport: PORTRAIT });
    await kiosk.goto(shell.url);
    desk = await browser.newPage({ viewport: LANDSCAPE });
    // The hall speaks no language here: speech is the hall test's business.
    hall = await browser.newPage({ viewport: LANDSCAPE });
    await hall.goto(`${shell.url}/hall.html?speak=`);
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  it('refuses a wrong PIN in words, in the kiosk default language, and signs in with the right one', async () => {
    await desk.goto(`${shell.url}/console.html`);
    await desk.getByTestId('screen-sign-in').waitFor();
    // No language chosen on this tablet: the kiosk's default (az).
    await expect.poll(() => desk.locator('html').getAttribute('lang')).toBe('az');
    await desk.screenshot({ path: join(SCREENSHOTS, 'sign-in-az-landscape.png') });
    await desk.setViewportSize(PORTRAIT);
    await desk.screenshot({ path: join(SCREENSHOTS, 'sign-in-az-portrait.png') });
    expect(await overflowProblems(desk)).toEqual([]);
    expect(await smallConsoleTargets(desk)).toEqual([]);
    expect(await seriousAxeViolations(desk)).toEqual([]);
    await desk.setViewportSize(LANDSCAPE);
    await desk.getByTestId('sign-in-desk').click();
    await desk.getByTestId('pad-2').click();
    await desk.getByTestId('sign-in-pin').click();
    for (const digit of '0000') await desk.getByTestId(`pad-${digit}`).click();
    await desk.getByTestId('sign-in-submit').click();
    await expect.poll(() => desk.getByTestId('sign-in-error').getAttribute('data-error')).toBe('wrong-pin');
    expect(await desk.getByTestId('sign-in-error').innerText()).toBe(consoleTexts('az').signIn.error['wrong-pin']);
    await desk.screenshot({ path: join(SCREENSHOTS, 'sign-in-wrong-pin-az-landscape.png') });
    // An unknown desk is told apart from a wrong PIN.
    await desk.getByTestId('sign-in-desk').fill('9');
    await desk.getByTestId('sign-in-pin').fill(PIN);
    await desk.getByTestId('sign-in-submit').click();
    await expect.poll(() => desk.getByTestId('sign-in-error').getAttribute('data-error')).toBe('unknown-desk');
    // Five wrong PINs in a row lock that desk (and only that desk), and the console says so.
    for (let attempt = 1; attempt <= 5; attempt++) {
      await desk.getByTestId('sign-in-desk').fill('5');
      await desk.getByTestId('sign-in-pin').fill('0000');
      await desk.getByTestId('sign-in-submit').click();
      await expect
        .poll(() => desk.getByTestId('sign-in-error').getAttribute('data-error'))
        .toBe(attempt < 5 ? 'wrong-pin' : 'locked');
      await expect.poll(() => desk.getByTestId('sign-in-pin').inputValue()).toBe('');
    }
    expect(await desk.getByTestId('sign-in-error').innerText()).toBe(consoleTexts('az').signIn.error.locked);
    await desk.getByTestId('sign-in-pin').fill('5555');
    await desk.getByTestId('sign-in-submit').click();
    await expect.poll(() => desk.getByTestId('sign-in-error').getAttribute('data-error')).toBe('locked');

    await signInAtConsole(desk, shell.url, '2', PIN, 'en');
    expect(await desk.getByTestId('current-visit').getAttribute('data-state')).toBe('free');
    await expect.poll(() => desk.getByTestId('connection-badge').getAttribute('data-connected')).toBe('true');
  });

  it('a Kazakh visitor takes a ticket; "Call next" shows it on the console and, highlighted, on the hall display', async () => {
    await kiosk.getByTestId('screen-attract').click();
    await kiosk.getByTestId('language-kk').click();
    await kiosk.getByTestId('provider-internal-affairs').click();
    await kiosk.getByTestId('category-ia-documents').click();
    await kiosk.getByTestId('service-passport').click();
    await kiosk.getByTestId('take-ticket').click();
    await kiosk.getByTestId('screen-ticket').waitFor();
    expect(await kiosk.getByTestId('ticket-number').innerText()).toBe('A-001');
    await kiosk.getByTestId('ticket-done').click();

    // The waiting list learns of the ticket from the ticketIssued event.
    await desk.getByTestId('waiting-A-001').waitFor();
    expect(await desk.getByTestId('waiting-count').getAttribute('data-count')).toBe('1');
    await desk.getByTestId('action-callNext').click();
    await expect.poll(() => desk.getByTestId('current-number').innerText()).toBe('A-001');
    expect(await desk.getByTestId('current-state').getAttribute('data-state')).toBe('called');
    expect(await desk.getByTestId('current-service').innerText()).toBe(serviceName('passport', 'en'));
    expect(await desk.getByTestId('current-language').innerText()).toBe('Қазақша');
    expect(await desk.getByTestId('waiting-count').getAttribute('data-count')).toBe('0');

    const hallCall = hall.getByTestId('hall-call-A-001');
    await hallCall.waitFor();
    // The hall speaks the config's default language (az): "A-001 → Masa 2".
    expect(await hallCall.locator('.hall-call__number').innerText()).toBe('A-001');
    expect(await hallCall.locator('.hall-call__desk').innerText()).toBe(
      `${(texts('az', 'hall') as { desk: string }).desk} 2`,
    );
    expect(await hallCall.getAttribute('data-highlighted')).toBe('true');
    await hall.screenshot({ path: join(SCREENSHOTS, 'hall-called-landscape.png') });
    await hall.setViewportSize(PORTRAIT);
    await hall.screenshot({ path: join(SCREENSHOTS, 'hall-called-portrait.png') });
    await hall.setViewportSize(LANDSCAPE);
  });

  it('recall repeats the call: counted on the console, highlighted again on the hall display', async () => {
    // Let the first highlight pass, so the second is the recall's own.
    await expect
      .poll(() => hall.getByTestId('hall-call-A-001').getAttribute('data-highlighted'), { timeout: 12_000 })
      .toBe('false');
    await desk.getByTestId('action-recall').click();
    await expect.poll(() => desk.getByTestId('current-recalls').innerText()).toBe('1');
    await expect.poll(() => hall.getByTestId('hall-call-A-001').getAttribute('data-highlighted')).toBe('true');
  });

  it('start runs the visit timer against the standard: within, then amber, then red, each with an icon and words', async () => {
    await desk.getByTestId('action-start').click();
    await expect.poll(() => desk.getByTestId('current-state').getAttribute('data-state')).toBe('serving');
    const timer = desk.getByTestId('visit-timer');
    await expect.poll(() => timer.getAttribute('data-level')).toBe('within');
    const en = consoleTexts('en');
    expect(await desk.getByTestId('visit-timer-verdict').innerText()).toContain(en.timer.within.split('{{')[0]!);

    // The tablet's clock moves on (the kiosk's does not need to): passport's standard is 5 minutes, amber from 80 %.
    const tickets = await call<Ticket[]>('listTodayTickets', {});
    const started = Date.parse(tickets.find((t) => t.number === 'A-001')!.servingStartedAt!);
    await desk.clock.setFixedTime(started + 4.25 * 60_000);
    await expect.poll(() => timer.getAttribute('data-level')).toBe('near');
    expect(await desk.getByTestId('visit-timer-time').innerText()).toBe('4:15');
    expect(await desk.getByTestId('visit-timer-verdict').locator('[data-icon="near"] svg').count()).toBe(1);
    await desk.screenshot({ path: join(SCREENSHOTS, 'timer-amber-en-landscape.png') });
    await desk.clock.setFixedTime(started + 6 * 60_000 + 5_000);
    await expect.poll(() => timer.getAttribute('data-level')).toBe('past');
    expect(await desk.getByTestId('visit-timer-verdict').innerText()).toContain(en.timer.past.split('{{')[0]!.trim());
    await desk.screenshot({ path: join(SCREENSHOTS, 'timer-red-en-landscape.png') });
    await desk.setViewportSize(PORTRAIT);
    await desk.screenshot({ path: join(SCREENSHOTS, 'timer-red-en-portrait.png') });
    await desk.setViewportSize(LANDSCAPE);
  });

  it("finish: the kiosk (bus) shows the rating screen in the ticket's language, Kazakh", async () => {
    await desk.getByTestId('action-finish').click();
    await expect.poll(() => desk.getByTestId('current-visit').getAttribute('data-state')).toBe('free');
    await kiosk.getByTestId('screen-rating').waitFor();
    await expect.poll(() => kiosk.locator('html').getAttribute('lang')).toBe('kk');
    const kk = texts('kk', 'kiosk') as { rating: { title: string } };
    expect(await kiosk.getByTestId('screen-rating').innerText()).toContain(kk.rating.title);
    await kiosk.getByTestId('rating-face-5').click();
    await kiosk.getByTestId('rating-done').click();
    await kiosk.getByTestId('screen-thanks').waitFor();
  });

  it('no-show: the called visitor does not come, the desk is free again and the ticket says so', async () => {
    const ticket = await call<Ticket>('issueTicket', { serviceId: 'identity-card', language: 'ru' });
    await desk.getByTestId(`waiting-${ticket.number}`).waitFor();
    await desk.getByTestId('action-callNext').click();
    await expect.poll(() => desk.getByTestId('current-number').innerText()).toBe(ticket.number);
    await desk.getByTestId('action-noShow').click();
    await expect.poll(() => desk.getByTestId('current-visit').getAttribute('data-state')).toBe('free');
    const stored = (await call<Ticket[]>('listTodayTickets', {})).find((t) => t.id === ticket.id)!;
    expect(stored).toMatchObject({ state: 'no-show', deskId: '2' });
    // Nobody else waits: "Call next" says so rather than doing nothing.
    await desk.getByTestId('action-callNext').click();
    await desk.getByTestId('nobody-waiting').waitFor();
  });

  it('transfer: a searchable list of the enabled services; the visit goes back to the queue of the one picked', async () => {
    const ticket = await call<Ticket>('issueTicket', { serviceId: 'passport', language: 'az' });
    await desk.getByTestId(`waiting-${ticket.number}`).waitFor();
    await desk.getByTestId('action-callNext').click();
    await expect.poll(() => desk.getByTestId('current-number').innerText()).toBe(ticket.number);
    await desk.getByTestId('action-transfer').click();
    await desk.getByTestId('transfer-dialog').waitFor();
    const enabled = catalog.services.filter((s) => s.enabled && s.id !== 'passport').length;
    expect(await desk.getByTestId('transfer-list').locator('button').count()).toBe(enabled);
    await desk.getByTestId('transfer-search').fill('criminal');
    expect(await desk.getByTestId('transfer-list').locator('button').count()).toBeLessThan(enabled);
    await desk.screenshot({ path: join(SCREENSHOTS, 'transfer-en-landscape.png') });
    await desk.getByTestId('transfer-to-no-criminal-record').click();
    await expect.poll(() => desk.getByTestId('current-visit').getAttribute('data-state')).toBe('free');
    const stored = (await call<Ticket[]>('listTodayTickets', {})).find((t) => t.id === ticket.id)!;
    expect(stored).toMatchObject({
      number: ticket.number,
      state: 'waiting',
      serviceId: 'no-criminal-record',
      transferredFrom: 'passport',
    });
    // Desk 2 calls for every service, so the number waits here again, under its new service.
    await expect
      .poll(() => desk.getByTestId(`waiting-${ticket.number}`).innerText())
      .toContain(serviceName('no-criminal-record', 'en'));
  });

  it('every console screen in six languages, portrait and landscape: no overflow, no serious axe violation', async () => {
    // A visit being served shows every part of the desk screen at once.
    await desk.getByTestId('action-callNext').click();
    await desk.getByTestId('action-start').click();
    await call<Ticket>('issueTicket', { serviceId: 'passport', language: 'uz', priority: 'elderly' });
    await desk.locator('[data-testid^="waiting-"][data-priority="true"]').waitFor();
    for (const language of LANGUAGES) {
      await desk.getByTestId('console-language').selectOption(language);
      await expect.poll(() => desk.locator('html').getAttribute('lang')).toBe(language);
      const t = consoleTexts(language);
      await expect.poll(() => desk.getByTestId('current-state').innerText()).toBe(t.state.serving);
      for (const [orientation, viewport] of [
        ['portrait', PORTRAIT],
        ['landscape', LANDSCAPE],
      ] as const) {
        await desk.setViewportSize(viewport);
        for (const tab of ['desk', 'tickets', 'figures', 'printer'] as const) {
          await desk.getByTestId(`tab-${tab}`).click();
          await desk.waitForTimeout(50);
          const name = `${tab}-${language}-${orientation}`;
          await desk.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
          expect(await overflowProblems(desk), name).toEqual([]);
          expect(await smallConsoleTargets(desk), name).toEqual([]);
          expect(await seriousAxeViolations(desk), name).toEqual([]);
        }
        await desk.getByTestId('tab-desk').click();
      }
    }
    await desk.setViewportSize(LANDSCAPE);
  });
});
