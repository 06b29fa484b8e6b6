import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../main/contract';
import { verifyPin } from '../../main/core/auth/pin';
import { startBrowserShell } from '../support/browser-shell-process';
import type { RunningShell } from '../support/browser-shell-process';
import { PORTRAIT, launchChromium, shootBothOrientations } from '../support/chromium';
import { tempDir } from '../support/kiosk-fixture';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/technician');

/** A text of locales/<lng>/technician.json in every language: the screen shows it in the kiosk's current one. */
function inEveryLanguage(pick: (texts: { pinPad: Record<string, string> }) => string): string[] {
  return LANGUAGES.map((lng) =>
    pick(JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lng}/technician.json`), 'utf8'))),
  );
}

const shoot = (page: Page, name: string) => shootBothOrientations(page, SCREENSHOTS, name);

describe('technician mode in Chromium through the browser shell', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let kiosk: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-technician-');
    // No configuration file: a fresh install, on the first-run PIN.
    shell = await startBrowserShell(['--data-dir', dir.path]);
    browser = await launchChromium();
    kiosk = await browser.newPage({ viewport: PORTRAIT });
    await kiosk.goto(shell.url);
    await kiosk.getByTestId('screen-attract').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  const tapCorner = async (times: number) => {
    for (let tap = 0; tap < times; tap++) await kiosk.mouse.click(30, 30);
  };
  const typePin = async (pin: string) => {
    const pad = kiosk.getByTestId('technician-pin-pad');
    for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.locator('.technician-key--primary').click();
  };

  it('four taps do nothing; five open the PIN pad, and the first-run PIN must be changed before the log shows', async () => {
    await tapCorner(4);
    await expect(kiosk.getByTestId('technician-pin-pad').count()).resolves.toBe(0);
    await tapCorner(1);
    await kiosk.getByTestId('technician-pin-pad').waitFor();
    await shoot(kiosk, '1-pin-pad');

    await typePin('000000');
    await kiosk.locator('[data-testid="technician-pin-pad"][data-purpose="change-pin"]').waitFor();
    await shoot(kiosk, '2-change-pin');
    // A new PIN needs 6 digits: with 5 the pad does not send it.
    const pad = kiosk.getByTestId('technician-pin-pad');
    for (const digit of '73514') await pad.getByRole('button', { name: digit, exact: true }).click();
    expect(await pad.locator('.technician-key--primary').isDisabled()).toBe(true);
    await pad.locator('.technician-key--word').click();
    await typePin('735146');
    await kiosk.getByTestId('technician-panel').waitFor();
    await kiosk.getByTestId('technician-nav-log').click();
    await expect.poll(() => kiosk.getByTestId('technician-log').innerText()).toContain('pin-changed');
    await shoot(kiosk, '3-log');

    const saved = JSON.parse(readFileSync(join(dir.path, 'kiosk-config.json'), 'utf8'));
    expect(verifyPin('735146', saved.technician.pinHash)).toBe(true);
    await kiosk.getByTestId('technician-log-level').selectOption('warn');
    await expect.poll(() => kiosk.getByTestId('technician-log').innerText()).not.toContain('pin-changed');
    await kiosk.getByTestId('technician-close').click();
    await expect(kiosk.getByTestId('technician-panel').count()).resolves.toBe(0);
  });

  it('five wrong PINs lock technician mode: the right PIN is refused too', async () => {
    await tapCorner(5);
    await kiosk.getByTestId('technician-pin-pad').waitFor();
    const message = () => kiosk.getByTestId('technician-message').innerText();
    const wrongPin = inEveryLanguage((texts) => texts.pinPad.wrongPin ?? '');
    const locked = inEveryLanguage((texts) => texts.pinPad.lockedLonger ?? '');
    const lockRefusals = () =>
      readFileSync(join(dir.path, 'technician-audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .filter((line) => JSON.parse(line).reason === 'locked').length;
    for (let attempt = 1; attempt < 5; attempt++) {
      await typePin('1111');
      await expect.poll(message).toSatisfy((text: string) => wrongPin.includes(text));
    }
    await typePin('1111');
    await expect.poll(message).toSatisfy((text: string) => locked.includes(text));
    await shoot(kiosk, '4-locked');

    await typePin('735146');
    await expect.poll(lockRefusals).toBe(2);
    expect(locked).toContain(await message());
    await expect(kiosk.getByTestId('technician-panel').count()).resolves.toBe(0);
  }, 120_000);
});
