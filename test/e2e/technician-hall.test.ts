import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../main/core/auth/pin';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { HallOnThisMachine, until } from '../support/hall-processes';
import { localeTexts } from '../support/locale-texts';
import { overflowProblems } from '../support/screen-checks';

/*
 * A technician reads a kiosk of a hall's link with its hall server in diagnostics: a hall server
 * and one kiosk of the hall, each its own process of the built browser shell; the server reachable,
 * then killed, the kiosk issuing from its own block and keeping the ticket to hand over. In English,
 * then in Kazakh (a long language).
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/technician-hall');
const PIN = '735146';
type HallTexts = Record<string, string>;
const texts = (language: string) => localeTexts<{ hall: HallTexts }>(language, 'technician').hall;

describe('the hall server in technician diagnostics (Chromium, hall server and kiosk processes)', () => {
  let browser: Browser;
  let hall: HallOnThisMachine;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    hall = new HallOnThisMachine();
    await hall.startServer();
    const kiosk = await hall.startKiosk('kiosk-1', hall.serverUrl(), {
      config: { defaultLanguage: 'en', technician: { pinHash: hashPin(PIN) } },
    });
    await until(() => hall.knowsItsBlock('kiosk-1'), 'kiosk-1 has its block from the server');
    page = await browser.newPage({ viewport: PORTRAIT });
    await page.goto(kiosk.url);
    await page.getByTestId('screen-attract').waitFor();
    for (let tap = 0; tap < 5; tap++) await page.mouse.click(30, 30);
    const pad = page.getByTestId('technician-pin-pad');
    for (const digit of PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.locator('.technician-key--primary').click();
    await page.getByTestId('technician-panel').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  /** Opens diagnostics afresh (it reads the link when opened) and returns the hall section. */
  const hallSection = async () => {
    await page.getByTestId('technician-nav-pin').click();
    await page.getByTestId('technician-nav-diagnostics').click();
    const section = page.getByTestId('technician-hall');
    await section.waitFor();
    return section;
  };

  /** The value in the section's row labelled `label`. */
  const row = (label: string) =>
    page.getByTestId('technician-hall').locator('tr').filter({ hasText: label }).locator('td').innerText();

  /** Portrait and landscape, the hall section in view; nothing may run out of its box in either. */
  const shoot = async (name: string) => {
    for (const [orientation, size] of [
      ['portrait', PORTRAIT],
      ['landscape', LANDSCAPE],
    ] as const) {
      await page.setViewportSize(size);
      await page.getByTestId('technician-hall').evaluate((section) => section.scrollIntoView({ block: 'center' }));
      expect(await overflowProblems(page), `${name} ${orientation}`).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${orientation}.png`) });
    }
    await page.setViewportSize(PORTRAIT);
  };

  /** Switches the panel's language and opens diagnostics again in it. */
  const speak = async (language: string) => {
    await page.getByTestId('technician-panel-language').selectOption(language);
    await expect.poll(async () => (await hallSection()).innerText()).toContain(texts(language).heading!);
  };

  it('reachable: the server numbers, the block is 901–949; server gone: issues from the block, one to hand over', async () => {
    const en = texts('en');
    const kk = texts('kk');
    await expect.poll(async () => (await hallSection()).getAttribute('data-state')).toBe('reachable');
    const reachable = await page.getByTestId('technician-hall').innerText();
    expect(reachable).toContain(en.heading!);
    expect(reachable).toContain(en.reachable!);
    expect(reachable).toContain(`127.0.0.1:${hall.serverPort}`);
    await expect(row(en.block!)).resolves.toBe('901–949');
    await expect(row(en.waiting!)).resolves.toBe('0');
    await expect(row(en.lastError!)).resolves.toBe('—');
    await shoot('hall-reachable-en');
    await speak('kk');
    await expect(page.getByTestId('technician-hall').innerText()).resolves.toContain(kk.reachable!);
    await shoot('hall-reachable-kk');
    await speak('en');

    await hall.server!.kill();
    const ticket = await hall.issue('kiosk-1');
    expect(ticket.number).toBe('A-901');
    await expect
      .poll(async () => {
        const section = await hallSection();
        return [await section.getAttribute('data-state'), await row(en.waiting!)];
      })
      .toEqual(['unreachable', '1']);
    await expect(page.getByTestId('technician-hall').innerText()).resolves.toContain(en.unreachable!);
    await expect(row(en.block!)).resolves.toBe('901–949');
    await expect(row(en.lastError!)).resolves.not.toBe('—');
    await shoot('hall-unreachable-en');
    await speak('kk');
    await expect(page.getByTestId('technician-hall').innerText()).resolves.toContain(kk.unreachable!);
    await expect(row(kk.waiting!)).resolves.toBe('1');
    await shoot('hall-unreachable-kk');
  });
});
