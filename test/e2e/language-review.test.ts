import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, WEEKDAYS, type Catalog, type Language } from '../../main/contract';
import { localClock } from '../../main/shared/zoned-time';
import { dataFiles } from '../../main/boot/compose';
import { loadCatalogFile } from '../../main/boot/read-files';
import { decodedText, decodeEscPos } from '../../native/escpos/decoder';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { PORTRAIT, launchChromium, shootBothOrientations } from '../support/chromium';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';

/**
 * Issue 15 as a visitor meets it: a weekday inside a "come back" sentence, and the priority mark
 * on the screen and on the paper in the same words. Screenshots and ticket previews go to
 * test-artifacts/lang-review/ for a person to read.
 */

const REVIEW = join(import.meta.dirname, '../../test-artifacts/lang-review');
const TIME_ZONE = 'Asia/Bishkek';
const REOPEN_DAY = WEEKDAYS[(localClock(new Date(), TIME_ZONE).weekday + 2) % 7]!;

interface KioskTexts {
  weekday: Record<string, string>;
  weekdayOn: Record<string, string>;
  priority: Record<string, string>;
}
const texts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/kiosk.json`), 'utf8')) as KioskTexts;

/** The sample, open round the clock but for one service that opens again only the day after tomorrow. */
function testCatalog(): Catalog {
  const open = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));
  return {
    ...open,
    services: open.services.map((service) =>
      service.id === 'no-criminal-record'
        ? { ...service, openingHours: [{ days: [REOPEN_DAY], from: '09:00', to: '18:00' }] }
        : service,
    ),
  };
}

describe('language review: weekday sentences and the priority mark on screen and paper (Chromium → browser shell)', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(REVIEW, { recursive: true });
    dir = tempDir('kiosk-e2e-lang-review-');
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(testCatalog()));
    const configFile = join(dir.path, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({ timeZone: TIME_ZONE, catalogPath: catalogFile, resultScreenSeconds: 60 }),
    );
    // No printer port: the virtual printer writes each ticket's bytes and a PNG of the paper.
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PORTRAIT });
    await page.goto(shell.url);
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  async function start(language: Language) {
    await page.goto(shell.url);
    await page.getByTestId('screen-attract').click();
    await page.getByTestId(`language-${language}`).click();
    await page.getByTestId('provider-internal-affairs').click();
  }

  for (const language of LANGUAGES) {
    it(`${language}: a closed service names the day it opens again in sentence form, not as a capitalised label`, async () => {
      await start(language);
      await page.getByTestId('category-ia-registration').click();
      await page.getByTestId('service-no-criminal-record').click();
      await page.getByTestId('service-closed').waitFor();
      const notice = await page.getByTestId('service-closed').innerText();
      const { weekday, weekdayOn } = texts(language);
      expect(notice).toContain(weekdayOn[REOPEN_DAY]);
      // English alone writes the day capitalised inside a sentence as well.
      if (language !== 'en') expect(notice).not.toContain(weekday[REOPEN_DAY]);
      await shootBothOrientations(page, REVIEW, `service-closed-${language}`);
    });
  }

  const printed = () => {
    const folder = dataFiles(dir.path).virtualPrinter;
    return existsSync(folder) ? readdirSync(folder).sort() : [];
  };

  for (const language of ['ru', 'az', 'kk', 'ky', 'uz'] as const) {
    it(`${language}: a priority ticket carries the same mark on the screen and on the paper`, async () => {
      const before = printed();
      await start(language);
      await page.getByTestId('category-ia-documents').click();
      await page.getByTestId('service-passport').click();
      await page.getByTestId('take-priority-elderly').click();
      await page.getByTestId('screen-ticket').waitFor();
      // The star is drawn for the eye only (aria-hidden); the words follow it.
      const mark = (await page.getByTestId('ticket-priority').innerText()).replace(/^★\s*/, '');
      expect(mark).toContain(texts(language).priority.elderly);
      if (language === 'ru' || language === 'ky')
        await shootBothOrientations(page, REVIEW, `ticket-screen-${language}`);

      await expect.poll(() => printed().filter((name) => !before.includes(name)).length).toBe(2);
      const job = printed().filter((name) => !before.includes(name));
      const png = job.find((name) => name.endsWith('.png'))!;
      copyFileSync(join(dataFiles(dir.path).virtualPrinter, png), join(REVIEW, `ticket-priority-${language}.png`));
      // Azerbaijani ə has no code page: that line goes out as a bitmap, so only its PNG shows it.
      if (language !== 'az') {
        const bin = job.find((name) => name.endsWith('.bin'))!;
        const lines = decodedText(decodeEscPos(readFileSync(join(dataFiles(dir.path).virtualPrinter, bin))));
        expect(lines).toContain(mark);
      }
      await page.getByTestId('ticket-done').click();
    });
  }
});
