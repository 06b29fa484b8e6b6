import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeCentralCredential } from '../../main/boot/central-credential';
import { loadCatalogFile } from '../../main/boot/read-files';
import { normaliseFingerprint } from '../../main/boot/pinned-https';
import { hashPin } from '../../main/core/auth/pin';
import { apiPaths } from '../../main/contract';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { PORTRAIT, launchChromium, shootBothOrientations } from '../support/chromium';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { localeTexts } from '../support/locale-texts';
import { overflowProblems } from '../support/screen-checks';
import { TEST_FINGERPRINT, TestCentral } from '../support/test-central';

/*
 * A technician reads the kiosk's link with the central server in diagnostics: a kiosk (browser
 * shell, its own process) enrolled with a test central (in-memory, real HTTPS), then revoked
 * there; and a kiosk not enrolled. In the panel's language.
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/technician-central');
const PIN = '735146';
type CentralTexts = Record<string, string>;
const texts = (language: string) => localeTexts<{ central: CentralTexts }>(language, 'technician').central;

describe('the central server in technician diagnostics (Chromium, browser shell, test central)', () => {
  let browser: Browser;
  let central: TestCentral;
  let centralUrl: string;
  let dir: ReturnType<typeof tempDir> | null = null;
  let shell: RunningShell | null = null;
  let page: Page | null = null;

  beforeAll(async () => {
    browser = await launchChromium();
    central = new TestCentral();
    centralUrl = await central.start();
  });
  afterAll(async () => {
    await browser?.close();
    await central?.close();
  });
  afterEach(async () => {
    await page?.close();
    await shell?.stop();
    dir?.remove();
    page = null;
    shell = null;
    dir = null;
  });

  /** A kiosk in `language`, enrolled as `deviceId` when one is given. */
  const startKiosk = async (language: string, deviceId: string | null) => {
    dir = tempDir('kiosk-e2e-technician-central-');
    const catalog = join(dir.path, 'catalog.json');
    writeFileSync(catalog, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
    const config = join(dir.path, 'kiosk-config.json');
    writeFileSync(
      config,
      JSON.stringify({ defaultLanguage: language, catalogPath: catalog, technician: { pinHash: hashPin(PIN) } }),
    );
    if (deviceId) {
      writeCentralCredential(dir.path, {
        url: centralUrl,
        deviceId,
        centreId: 'baku-1',
        role: 'bus',
        token: central.addDevice(deviceId),
        fingerprint: normaliseFingerprint(TEST_FINGERPRINT)!,
      });
    }
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', config]);
    page = await browser.newPage({ viewport: PORTRAIT });
    await page.goto(shell.url);
    await page.getByTestId('screen-attract').waitFor();
    for (let tap = 0; tap < 5; tap++) await page.mouse.click(30, 30);
    const pad = page.getByTestId('technician-pin-pad');
    for (const digit of PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.locator('.technician-key--primary').click();
    await page.getByTestId('technician-panel').waitFor();
    return page;
  };

  /** Opens diagnostics afresh (it reads the link when opened) and returns the central section. */
  const centralSection = async (on: Page) => {
    await on.getByTestId('technician-nav-pin').click();
    await on.getByTestId('technician-nav-diagnostics').click();
    const section = on.getByTestId('technician-central');
    await section.waitFor();
    return section;
  };

  it('enrolled: synced with nothing waiting; revoked: refused, with the reason and what to do', async () => {
    const kiosk = await startKiosk('ru', 'bus-7');
    const ru = texts('ru');
    await expect.poll(async () => (await centralSection(kiosk)).getAttribute('data-state')).toBe('idle');
    const section = kiosk.getByTestId('technician-central');
    await expect(section.innerText()).resolves.toContain(ru.idle!);
    await expect(section.innerText()).resolves.toContain('bus-7 · baku-1');
    await expect(section.innerText()).resolves.toContain(centralUrl);
    await shootBothOrientations(kiosk, SCREENSHOTS, 'central-synced-ru');

    central.device('bus-7').revoked = true;
    const issued = await fetch(shell!.url + apiPaths.call('issueTicket'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'passport', language: 'ru' }),
    });
    expect(issued.status).toBe(200);
    await expect.poll(async () => (await centralSection(kiosk)).getAttribute('data-state')).toBe('rejected');
    const text = await kiosk.getByTestId('technician-central').innerText();
    expect(text).toContain(ru.rejected!);
    expect(text).toContain('credential-refused');
    expect(text).toContain('npm run enrol');
    expect(await overflowProblems(kiosk)).toEqual([]);
    await shootBothOrientations(kiosk, SCREENSHOTS, 'central-refused-ru');
  });

  it.each(['en', 'kk'])('not enrolled (%s): says so and how to enrol', async (language) => {
    const kiosk = await startKiosk(language, null);
    const section = await centralSection(kiosk);
    await expect(section.getAttribute('data-state')).resolves.toBe('off');
    await expect(section.innerText()).resolves.toContain(texts(language).off!);
    expect(await overflowProblems(kiosk)).toEqual([]);
    await shootBothOrientations(kiosk, SCREENSHOTS, `central-off-${language}`);
  });
});
