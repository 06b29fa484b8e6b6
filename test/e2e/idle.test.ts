import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { PORTRAIT, launchChromium } from '../support/chromium';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { overflowProblems, seriousAxeViolations } from '../support/screen-checks';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/idle');
const texts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/kiosk.json`), 'utf8')) as {
    idle: { title: string };
  };

/** The shortest idle the configuration allows: ten seconds, then a five-second warning. */
const IDLE = { seconds: 10, warningSeconds: 5 };

describe('idle: "Need more time?" from the configuration, then back to the start for the next visitor', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-idle-');
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
    const configFile = join(dir.path, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({ timeZone: 'Asia/Baku', catalogPath: catalogFile, defaultLanguage: 'az', idle: IDLE }),
    );
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PORTRAIT });
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  it('warns after the configured idle time, keeps a visitor who asks, and resets one who does not answer', async () => {
    await page.goto(shell.url);
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('language-ru').click();
    await page.getByTestId('provider-internal-affairs').click();
    await page.getByTestId('access-largeText').click();
    await page.getByTestId('access-highContrast').click();
    await page.getByTestId('access-lowReach').click();
    const lastTouch = Date.now();

    await page.getByTestId('idle-warning').waitFor({ timeout: (IDLE.seconds + 3) * 1000 });
    const waited = Date.now() - lastTouch;
    expect(waited).toBeGreaterThanOrEqual(IDLE.seconds * 1000 - 500);
    expect(await page.getByTestId('idle-warning').locator('h2').innerText()).toBe(texts('ru').idle.title);
    await page.screenshot({ path: join(SCREENSHOTS, 'idle-warning-ru-portrait.png') });
    expect(await overflowProblems(page)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // "Need more time": the visitor stays where they were, with their choices.
    await page.getByTestId('idle-more').click();
    expect(await page.getByTestId('idle-warning').count()).toBe(0);
    expect(await page.locator('[data-level="categories"]').isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');

    // No answer: after the warning's seconds, the start again in the default language, choices off.
    await page.getByTestId('idle-warning').waitFor({ timeout: (IDLE.seconds + 3) * 1000 });
    const warnedAt = Date.now();
    await page.getByTestId('screen-attract').waitFor({ timeout: (IDLE.warningSeconds + 3) * 1000 });
    expect(Date.now() - warnedAt).toBeGreaterThanOrEqual(IDLE.warningSeconds * 1000 - 1_000);
    expect(await page.locator('html').getAttribute('lang')).toBe('az');
    expect(await page.locator('html').getAttribute('class')).not.toMatch(/large-text|high-contrast/);
    expect(await page.locator('.kiosk--low-reach').count()).toBe(0);
    for (const option of ['largeText', 'highContrast', 'lowReach'])
      expect(await page.getByTestId(`access-${option}`).getAttribute('aria-pressed')).toBe('false');
  });
});
