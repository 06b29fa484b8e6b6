import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../main/contract';
import { dataFiles } from '../../main/boot/compose';
import { loadCatalogFile } from '../../main/boot/read-files';
import { decodedText, decodeEscPos } from '../../native/escpos/decoder';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { overflowProblems, overlapProblems, seriousAxeViolations } from '../support/screen-checks';

/**
 * The fullest ticket screen a visitor can get: a priority ticket (the mark), the people ahead and,
 * with no desk signed in, the "no desk serves this now" line. Every line must be on the screen,
 * clear of the access bar and the Done button, in six languages, portrait and landscape, with large
 * text and low reach. Screenshots and the printed tickets go to test-artifacts/ticket-fit/.
 */

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/ticket-fit');

const CATALOG = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));

/**
 * The longest service name in each language, the worst case for the screen; a different service
 * for each language, so each ticket is the first of its queue: nobody ahead, on screen and paper.
 */
const SERVICE = (() => {
  const taken = new Set<string>();
  return Object.fromEntries(
    LANGUAGES.map((language) => {
      const [longest] = CATALOG.services
        .filter((service) => service.priorityAllowed && !taken.has(service.id))
        .sort((a, b) => b.name[language].length - a.name[language].length);
      if (!longest) throw new Error('the sample catalog has too few services with priority');
      taken.add(longest.id);
      const category = CATALOG.categories.find((c) => c.id === longest.categoryId)!;
      // The menu skips a provider's only category: the visitor goes straight to its services.
      const only = CATALOG.categories.filter((c) => c.providerId === category.providerId).length === 1;
      return [language, { provider: category.providerId, category: only ? null : category.id, service: longest.id }];
    }),
  ) as Record<Language, { provider: string; category: string | null; service: string }>;
})();

const MODES = [
  { name: 'plain', options: [] },
  { name: 'large-text', options: ['largeText'] },
  { name: 'low-reach', options: ['lowReach'] },
  { name: 'large-text-low-reach', options: ['largeText', 'lowReach'] },
] as const;

const ORIENTATIONS = [
  { name: 'portrait', viewport: PORTRAIT },
  { name: 'landscape', viewport: LANDSCAPE },
] as const;

interface KioskTexts {
  wait: { noneAhead: string; noDesk: string };
}
interface PrinterTexts {
  ticket: { noneAhead: string };
}
const locale = <T>(language: Language, namespace: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/${namespace}.json`), 'utf8')) as T;

describe('the ticket screen fits with every line shown (Chromium → browser shell → virtual printer)', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = tempDir('kiosk-e2e-ticket-fit-');
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(CATALOG));
    const configFile = join(dir.path, 'kiosk.json');
    // The ticket screen stays while the test looks at it in every mode.
    writeFileSync(
      configFile,
      JSON.stringify({ timeZone: 'Asia/Almaty', catalogPath: catalogFile, resultScreenSeconds: 300 }),
    );
    // No printer port: the virtual printer keeps each ticket's bytes and a PNG of the paper.
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PORTRAIT });
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  const printed = () => {
    const folder = dataFiles(dir.path).virtualPrinter;
    return existsSync(folder) ? readdirSync(folder).sort() : [];
  };

  async function setMode(options: readonly string[]) {
    for (const option of ['largeText', 'lowReach']) {
      const button = page.getByTestId(`access-${option}`);
      const pressed = (await button.getAttribute('aria-pressed')) === 'true';
      if (pressed !== options.includes(option)) await button.click();
    }
  }

  for (const language of LANGUAGES) {
    it(`${language}: a priority ticket with nobody ahead and no desk open shows every line, clear of the bars, and prints it in words`, async () => {
      const before = printed();
      const { provider, category, service } = SERVICE[language];
      await page.setViewportSize(PORTRAIT);
      await page.goto(shell.url);
      await page.getByTestId('screen-attract').click();
      await page.getByTestId(`language-${language}`).click();
      await page.getByTestId(`provider-${provider}`).click();
      if (category) await page.getByTestId(`category-${category}`).click();
      await page.getByTestId(`service-${service}`).click();
      await page.getByTestId('take-priority-elderly').click();
      await page.getByTestId('screen-ticket').waitFor();

      const kiosk = locale<KioskTexts>(language, 'kiosk');
      const wait = page.getByTestId('ticket-wait');
      expect(await wait.getAttribute('data-minutes')).toBe('none');
      expect(await wait.innerText()).toContain(kiosk.wait.noneAhead);
      expect(await wait.innerText()).toContain(kiosk.wait.noDesk);
      expect(await page.getByTestId('ticket-priority').isVisible()).toBe(true);

      for (const mode of MODES) {
        await setMode(mode.options);
        for (const { name, viewport } of ORIENTATIONS) {
          await page.setViewportSize(viewport);
          const where = `${language} ${name} ${mode.name}`;
          // Past the layout's transitions, if any, before measuring.
          await page.waitForTimeout(50);
          await page.screenshot({ path: join(ARTIFACTS, `ticket-${language}-${name}-${mode.name}.png`) });
          expect(await overflowProblems(page), where).toEqual([]);
          expect(await overlapProblems(page), where).toEqual([]);
          if (mode.name === 'plain' || mode.name === 'large-text-low-reach')
            expect(await seriousAxeViolations(page), where).toEqual([]);
        }
      }

      // The paper says it the same way: "nobody ahead", never "0 people".
      await expect.poll(() => printed().filter((file) => !before.includes(file)).length).toBe(2);
      const job = printed().filter((file) => !before.includes(file));
      const folder = dataFiles(dir.path).virtualPrinter;
      copyFileSync(
        join(
          folder,
          job.find((file) => file.endsWith('.png'))!,
        ),
        join(ARTIFACTS, `paper-${language}.png`),
      );
      // Azerbaijani ə is downloaded or drawn; the text read back from the bytes holds the line either way.
      const lines = decodedText(
        decodeEscPos(
          readFileSync(
            join(
              folder,
              job.find((file) => file.endsWith('.bin'))!,
            ),
          ),
        ),
      );
      const printedLine = locale<PrinterTexts>(language, 'printer').ticket.noneAhead.replace(/ʻ/g, '‘');
      expect(lines).toContain(printedLine);
      expect(lines.join('\n')).not.toMatch(/\b0\b/);
      await page.getByTestId('ticket-done').click();
    });
  }
});
