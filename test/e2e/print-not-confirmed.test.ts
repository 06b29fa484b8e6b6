import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { KioskConfig } from '../../main/core/config';
import { createKioskCore } from '../../main/core/kiosk-core';
import type { TicketPrintout } from '../../main/core/ports';
import { SqliteStore } from '../../main/store/sqlite-store';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { deskWithPin, signInAtConsole } from '../support/console-page';
import { alwaysOpen, RecordingPrinterStandIn, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { overflowProblems, seriousAxeViolations } from '../support/screen-checks';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/print-not-confirmed');
const PIN = '6142';
const catalog = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));

type Texts = { printNotConfirmed: string; tickets: { print: Record<string, string> } };
const consoleTexts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/console.json`), 'utf8')) as Texts;

/** Takes the first job and never finishes it: the kiosk is killed in the middle of printing. */
class PrinterKilledMidJob extends RecordingPrinterStandIn {
  jobs = 0;
  override async print(ticket: TicketPrintout): Promise<void> {
    this.jobs += 1;
    if (this.jobs === 1) return new Promise<void>(() => {});
    return super.print(ticket);
  }
}

describe('a ticket whose print was interrupted is marked "print not confirmed" on the desk console (Chromium → browser shell → SQLite)', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let desk: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-interrupted-');
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(catalog));
    const settings = {
      timeZone: 'Asia/Baku',
      defaultLanguage: 'az',
      catalogPath: catalogFile,
      desks: [deskWithPin('2', PIN)],
    };
    const configFile = join(dir.path, 'kiosk.json');
    writeFileSync(configFile, JSON.stringify(settings));

    // The kiosk's last life: A-001 stored and sent to the printer, then the process died before
    // the outcome was stored; A-002 printed normally.
    const store = new SqliteStore(join(dir.path, 'kiosk.sqlite'));
    const printer = new PrinterKilledMidJob();
    const before = createKioskCore({
      config: KioskConfig.parse(settings),
      catalog,
      store,
      printer,
      clock: { now: () => new Date() },
    });
    void before.handlers.issueTicket({ serviceId: 'passport', language: 'ru' });
    while (printer.jobs < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await before.handlers.issueTicket({ serviceId: 'passport', language: 'kk' });
    store.close();

    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    desk = await browser.newPage({ viewport: LANDSCAPE });
    await signInAtConsole(desk, shell.url, '2', PIN, 'az');
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  async function look(name: string) {
    for (const [orientation, viewport] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await desk.setViewportSize(viewport);
      await desk.waitForTimeout(50);
      await desk.screenshot({ path: join(SCREENSHOTS, `${name}-${orientation}.png`) });
      expect(await overflowProblems(desk), name).toEqual([]);
      expect(await seriousAxeViolations(desk), name).toEqual([]);
    }
  }

  it('in the waiting list, today’s tickets and the day’s figures, in six languages; the ticket printed normally is not marked', async () => {
    for (const language of LANGUAGES) {
      const t = consoleTexts(language);
      await desk.getByTestId('console-language').selectOption(language);
      await expect.poll(() => desk.locator('html').getAttribute('lang')).toBe(language);

      await desk.getByTestId('tab-desk').click();
      await expect.poll(() => desk.getByTestId('waiting-A-001').innerText()).toContain(t.printNotConfirmed);
      expect(await desk.getByTestId('waiting-A-002').getByTestId('print-not-confirmed').count()).toBe(0);
      if (language === 'ru' || language === 'uz') await look(`waiting-${language}`);

      await desk.getByTestId('tab-tickets').click();
      const status = desk.getByTestId('print-status-A-001');
      await expect.poll(() => status.getAttribute('data-print-status')).toBe('interrupted');
      expect(await status.innerText()).toContain(t.tickets.print.interrupted!);
      expect(await desk.getByTestId('print-status-A-002').getAttribute('data-print-status')).toBe('printed');
      if (language === 'kk') await look(`tickets-${language}`);

      await desk.getByTestId('tab-figures').click();
      await expect.poll(() => desk.getByTestId('figure-printNotConfirmed-value').innerText()).toBe('1');
      if (language === 'en') await look(`figures-${language}`);
    }
  });

  it('on the current visit once the desk calls it: the desk calls it, expecting a possible no-show', async () => {
    await desk.getByTestId('console-language').selectOption('ky');
    await desk.getByTestId('tab-desk').click();
    await desk.getByTestId('action-callNext').click();
    await expect.poll(() => desk.getByTestId('current-number').innerText()).toBe('A-001');
    expect(await desk.getByTestId('current-visit').getByTestId('print-not-confirmed').innerText()).toContain(
      consoleTexts('ky').printNotConfirmed,
    );
    await look('current-ky');
  });
});
