import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../main/contract';
import { startBrowserShell } from '../support/browser-shell-process';
import type { RunningShell } from '../support/browser-shell-process';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { tempDir } from '../support/kiosk-fixture';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots');

describe('the out-of-order page the Electron shell shows while the app keeps crashing', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;

  beforeAll(async () => {
    dir = tempDir('kiosk-e2e-ooo-');
    shell = await startBrowserShell(['--data-dir', dir.path]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  it.each([
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const)('says so in all six languages, without any script, unclipped in %s', async (name, viewport) => {
    const page = await browser.newPage({ viewport });
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await page.goto(`${shell.url}/out-of-order.html`);
    const screen = page.getByTestId('screen-out-of-order');
    expect(await screen.locator('p').evaluateAll((ps) => ps.map((p) => p.getAttribute('lang')))).toEqual([
      ...LANGUAGES,
    ]);
    expect(scripts).toEqual([]);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('32px "Noto Sans"', 'Кешіріңіз ə'))).toBe(true);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth,
    );
    expect(overflow).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, `out-of-order-${name}.png`) });
    await page.close();
  });
});
