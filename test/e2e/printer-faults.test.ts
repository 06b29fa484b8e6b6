import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../main/contract';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { deskWithPin, signInAtConsole } from '../support/console-page';
import { LANDSCAPE, PORTRAIT, launchChromium, shootBothOrientations } from '../support/chromium';
import { SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');

const printerTexts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/printer.json`), 'utf8')) as {
    problem: Record<string, string>;
    onScreen: { title: string };
    reprint: string;
    referToStaff: { title: string; body: string };
  };

/** The crew's desk PIN in this test's configuration. */
const CREW_PIN = '2468';

const shoot = (page: Page, name: string) => shootBothOrientations(page, SCREENSHOTS, name);

/**
 * The sample catalog, open round the clock: this test is about the printer, and must not depend on
 * the hour or weekday it runs at.
 */
function alwaysOpenCatalog(directory: string): string {
  const catalog = JSON.parse(readFileSync(SAMPLE_CATALOG, 'utf8')) as { services: { openingHours: unknown }[] };
  for (const service of catalog.services) {
    service.openingHours = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }];
  }
  const file = join(directory, 'catalog.json');
  writeFileSync(file, JSON.stringify(catalog));
  return file;
}

interface Kiosk {
  pty: PtyPair;
  emulator: PrinterEmulator;
  shell: RunningShell;
  page: Page;
}

/** Whatever was started, closed in reverse order even if a later start failed (e.g. no built renderer). */
const cleanups: (() => Promise<void>)[] = [];

describe('printer faults on screen: Chromium → browser shell → SQLite → serial PTY → printer emulator', () => {
  let dir: ReturnType<typeof tempDir>;
  let browser: Browser;

  async function startKiosk(name: string, whenUnavailable: 'show-on-screen' | 'refer-to-staff'): Promise<Kiosk> {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const emulator = await PrinterEmulator.open({ path: pty.b, previewDir: join(ARTIFACTS, 'printed-tickets', name) });
    cleanups.push(() => emulator.close());
    const dataDir = join(dir.path, name);
    mkdirSync(dataDir, { recursive: true });
    const configFile = join(dataDir, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        centreName: 'ASAN xidmət',
        timeZone: 'Asia/Almaty',
        resultScreenSeconds: 3,
        printer: { profile: 'epson-tm-t20iii', whenUnavailable, statusPollSeconds: 0.5 },
        desks: [deskWithPin('1', CREW_PIN)],
      }),
    );
    const shell = await startBrowserShell([
      '--data-dir',
      dataDir,
      '--config',
      configFile,
      '--catalog',
      alwaysOpenCatalog(dataDir),
      '--printer-port',
      pty.a,
    ]);
    cleanups.push(() => shell.stop());
    const page = await browser.newPage({ viewport: PORTRAIT });
    await page.goto(shell.url);
    return { pty, emulator, shell, page };
  }

  async function chooseService(page: Page, language: Language, serviceId: string): Promise<void> {
    await page.getByTestId('screen-attract').click();
    await page.getByTestId(`language-${language}`).click();
    await page.getByTestId('screen-services').waitFor();
    // Provider → category → service → the service's page → "Take a ticket".
    await page.getByTestId('provider-internal-affairs').click();
    await page.getByTestId('category-ia-documents').click();
    await page.getByTestId(`service-${serviceId}`).click();
    await page.getByTestId('take-ticket').click();
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-printer-');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
    dir?.remove();
  });

  it('out of paper: the number and its QR code on screen in ru and kk, then printed again once paper is back', async () => {
    const { page, emulator, shell } = await startKiosk('paper-out', 'show-on-screen');
    emulator.setState({ paper: 'out' });

    for (const [language, number] of [
      ['ru', 'A-001'],
      ['kk', 'A-002'],
    ] as const) {
      const texts = printerTexts(language);
      await chooseService(page, language, 'passport');
      await page.getByTestId('screen-ticket').waitFor();
      expect(await page.getByTestId('ticket-number').innerText()).toBe(number);
      await expect.poll(() => page.getByTestId('printer-problem').innerText()).toBe(texts.problem['paper-out']);
      expect(await page.getByTestId('ticket-print-status').innerText()).toContain(texts.onScreen.title);
      const qr = page.getByTestId('ticket-qr');
      expect(await qr.getAttribute('data-qr-content')).toMatch(
        new RegExp(`^KIOSK-TICKET:kiosk-1:\\d{4}-\\d{2}-\\d{2}:${number}$`),
      );
      const box = await qr.boundingBox();
      expect(box?.width).toBeGreaterThan(150);
      expect(await page.getByTestId('ticket-reprint').innerText()).toContain(texts.reprint);
      await shoot(page, `8-paper-out-${language}`);
      if (language === 'ru') {
        await page.getByTestId('ticket-done').click();
        await page.getByTestId('screen-attract').waitFor();
      }
    }
    expect(emulator.tickets).toEqual([]);

    emulator.setState({ paper: 'ok' });
    await page.getByTestId('ticket-reprint').click();
    await expect.poll(() => page.getByTestId('ticket-print-status').getAttribute('data-print-status')).toBe('printed');
    expect((await emulator.nextTicket()).lines).toContain('A-002');
    await shoot(page, '9-reprinted-kk');

    const report = (await (
      await fetch(`${shell.url}/api/call/getPrinterStatus`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as {
      value: { canPrint: boolean; ticketsSinceRoll: number };
    };
    expect(report.value).toMatchObject({ canPrint: true, ticketsSinceRoll: 1 });

    // The crew's console: paper near its end, with the count of tickets on this roll.
    const desk = await browser.newPage({ viewport: LANDSCAPE });
    await signInAtConsole(desk, shell.url, '1', CREW_PIN, 'en');
    await desk.getByTestId('tab-printer').click();
    await expect.poll(() => desk.getByTestId('console-printer').getAttribute('data-problems')).toBe('');
    emulator.setState({ paper: 'near-end' });
    await expect.poll(() => desk.getByTestId('console-printer').getAttribute('data-problems')).toBe('paper-near-end');
    const crew = printerTexts('en') as unknown as { crew: { nearEnd: string } };
    expect(await desk.getByTestId('console-printer').innerText()).toContain(crew.crew.nearEnd);
    expect(await desk.getByTestId('console-printer-roll').innerText()).toMatch(/: 1$/);
    await desk.screenshot({ path: join(SCREENSHOTS, '10-console-paper-near-end-landscape.png') });
    // The technician reads why A-001 was not printed in its row of today's tickets.
    await desk.getByTestId('tab-tickets').click();
    await expect.poll(() => desk.getByTestId('print-status-A-001').innerText()).toContain('paper-out');
    await desk.close();

    const db = new Database(join(dir.path, 'paper-out', 'kiosk.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT number, print_status, print_error FROM tickets ORDER BY id').all()).toEqual([
        { number: 'A-001', print_status: 'failed', print_error: expect.stringContaining('paper-out') },
        { number: 'A-002', print_status: 'printed', print_error: null },
      ]);
    } finally {
      db.close();
    }
  });

  it('cover open with "refer-to-staff": no number, the cause and a referral to staff in the visitor\'s language', async () => {
    const { page, emulator } = await startKiosk('cover-open', 'refer-to-staff');
    emulator.setState({ coverOpen: true });
    const texts = printerTexts('kk');
    await chooseService(page, 'kk', 'passport');
    await page.getByTestId('screen-issue-failed').waitFor();
    await expect.poll(() => page.getByTestId('printer-problem').innerText()).toContain(texts.problem['cover-open']);
    expect(await page.getByTestId('screen-issue-failed').innerText()).toContain(texts.referToStaff.body);
    await shoot(page, '8-cover-open-refer-kk');
  });
});
