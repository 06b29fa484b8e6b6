import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogToCsv } from '../../main/core/catalog-csv';
import { loadCatalogFile } from '../../main/boot/read-files';
import { hashPin } from '../../main/core/auth/pin';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import { startBrowserShell } from '../support/browser-shell-process';
import type { RunningShell } from '../support/browser-shell-process';
import { PORTRAIT, launchChromium, shootBothOrientations } from '../support/chromium';
import { SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { openPtyPair } from '../support/pty-pair';
import type { PtyPair } from '../support/pty-pair';

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots/technician-setup');
const PIN = '735146';

const kioskTexts = (lng: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lng}/kiosk.json`), 'utf8')) as {
    attract: { touchToStart: string };
  };

/**
 * A technician sets up a kiosk through the screens alone: Chromium → browser shell → configuration
 * file and SQLite → a serial PTY → the printer emulator decoding the test page.
 */
describe('technician setup screens in Chromium through the browser shell', () => {
  let dir: ReturnType<typeof tempDir>;
  let pty: PtyPair;
  let emulator: PrinterEmulator;
  let shell: RunningShell;
  let browser: Browser;
  let kiosk: Page;
  let configFile: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-technician-setup-');
    pty = await openPtyPair();
    emulator = await PrinterEmulator.open({ path: pty.b, previewDir: join(ARTIFACTS, 'printed-tickets/test-page') });
    configFile = join(dir.path, 'kiosk-config.json');
    // A kiosk with its technician PIN set and the virtual printer: the printer is set up on screen.
    writeFileSync(
      configFile,
      JSON.stringify({ centreName: 'ASAN xidmət', defaultLanguage: 'az', technician: { pinHash: hashPin(PIN) } }),
    );
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    kiosk = await browser.newPage({ viewport: PORTRAIT });
    await kiosk.goto(shell.url);
    await kiosk.getByTestId('screen-attract').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    await emulator?.close();
    await pty?.close();
    dir?.remove();
  });

  const panel = () => kiosk.getByTestId('technician-panel');
  const open = async (section: string) => {
    await kiosk.getByTestId(`technician-nav-${section}`).click();
    await kiosk.getByTestId(`technician-section-${section}`).waitFor();
  };
  const outcome = (section: string) =>
    kiosk.getByTestId(`technician-section-${section}`).getByTestId('technician-outcome').first().innerText();

  const unlock = async () => {
    for (let tap = 0; tap < 5; tap++) await kiosk.mouse.click(30, 30);
    const pad = kiosk.getByTestId('technician-pin-pad');
    for (const digit of PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.locator('.technician-key--primary').click();
    await panel().waitFor();
  };

  /** The diagnostics table, read row by row once the kiosk answered (the screen says Loading… until then). */
  const expectDiagnosticsLoaded = async () => {
    const table = kiosk.getByTestId('technician-diagnostics');
    await table.waitFor();
    // Rows in the order diagnostics-section.tsx lists them; labels are in the panel's language.
    const row = (index: number) => table.locator('tr').nth(index);
    const value = (index: number) => row(index).locator('td').innerText();
    const packageVersion = (
      JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
    ).version;
    await expect(value(0)).resolves.toBe(packageVersion);
    await expect(row(3).locator('th').innerText()).resolves.toBe('Node.js');
    // The browser shell runs on this same Node binary (process.execPath).
    await expect(value(3)).resolves.toBe(process.versions.node);
    await expect(value(5)).resolves.toBe(dir.path);
    // Free disk and the SQLite file's size (it exists and holds the schema): a number and a unit in the panel's
    // language, not the dash of "unknown".
    await expect(value(6)).resolves.toMatch(/^\d+[.,]\d\s\S+$/);
    await expect(value(7)).resolves.toMatch(/^\d+[.,]\d\s\S+$/);
    await expect(value(8)).resolves.toMatch(/^[\w-]+: /);
  };

  it('unlocks, and shows every section in portrait and landscape', async () => {
    await unlock();
    for (const section of [
      'identity',
      'languages',
      'timeouts',
      'accessibility',
      'rating',
      'desks',
      'pin',
      'diagnostics',
      'log',
      'figures',
    ]) {
      await open(section);
      if (section === 'diagnostics') await expectDiagnosticsLoaded();
      await shootBothOrientations(kiosk, SCREENSHOTS, `section-${section}`);
    }
    await expect(kiosk.getByTestId('technician-section-figures').innerText()).resolves.not.toBe('');
  });

  it('sets the printer to the emulator’s PTY on screen and prints a test page the emulator decodes', async () => {
    await open('printer');
    await kiosk.getByTestId('technician-printer-manual-port').fill(pty.a);
    await kiosk.getByTestId('technician-section-printer').getByTestId('technician-save').click();
    await expect.poll(() => outcome('printer')).toContain('printer.port');
    const saved = JSON.parse(readFileSync(configFile, 'utf8')) as { printer: { port: string } };
    expect(saved.printer.port).toBe(pty.a);
    await expect
      .poll(() => kiosk.getByTestId('technician-printer-status').getAttribute('data-can-print'), { timeout: 15_000 })
      .toBe('true');

    const printed = emulator.nextTicket(20_000);
    await kiosk.getByTestId('technician-test-print').click();
    const page = (await printed).lines.join('\n');
    expect(page).toContain('TEST PAGE');
    expect(page).toContain(pty.a);
    expect(page).toContain('epson-tm-t20iii');
    expect(page).toContain('PC866');
    expect(page).toContain('Русский');
    await shootBothOrientations(kiosk, SCREENSHOTS, 'section-printer');
  }, 60_000);

  it('lists every problem of a bad catalog and applies nothing, then applies a good one', async () => {
    await open('catalog');
    const bad = JSON.parse(readFileSync(SAMPLE_CATALOG, 'utf8'));
    bad.services[0].name.kk = '';
    bad.services[1].categoryId = 'no-such-category';
    bad.providers[0].colour = 'blue';
    await kiosk.getByTestId('technician-catalog-text').fill(JSON.stringify(bad));
    await kiosk.getByTestId('technician-catalog-preview').click();
    const problems = kiosk.getByTestId('technician-catalog-problems').locator('li');
    await expect.poll(() => problems.count()).toBeGreaterThanOrEqual(3);
    const listed = await kiosk.getByTestId('technician-catalog-problems').innerText();
    expect(listed).toContain('name.kk');
    expect(listed).toContain('categoryId');
    expect(listed).toContain('colour');
    await expect(kiosk.getByTestId('technician-catalog-apply').isDisabled()).resolves.toBe(true);
    await shootBothOrientations(kiosk, SCREENSHOTS, 'section-catalog-problems');

    const sample = loadCatalogFile(SAMPLE_CATALOG);
    const good = join(dir.path, 'smaller.csv');
    writeFileSync(good, catalogToCsv({ ...sample, services: sample.services.slice(0, 4) }));
    await kiosk.getByTestId('technician-catalog-file').setInputFiles(good);
    await expect.poll(() => kiosk.getByTestId('technician-catalog-text').inputValue()).toContain(',');
    await kiosk.getByTestId('technician-catalog-preview').click();
    await expect.poll(() => kiosk.getByTestId('technician-catalog-counts').innerText()).toContain('4');
    await shootBothOrientations(kiosk, SCREENSHOTS, 'section-catalog-preview');
    await kiosk.getByTestId('technician-catalog-apply').click();
    await expect.poll(() => outcome('catalog')).toContain('catalog');
    const catalogPath = join(dir.path, 'catalog.json');
    expect(JSON.parse(readFileSync(configFile, 'utf8')).catalogPath).toBe(catalogPath);
    expect(loadCatalogFile(catalogPath).services).toHaveLength(4);
  });

  it('exports the configuration without its PIN hashes unless asked, and imports it back keeping this kiosk’s PIN', async () => {
    await open('configuration');
    const exportTo = async (name: string) => {
      const [download] = await Promise.all([
        kiosk.waitForEvent('download'),
        kiosk.getByTestId('technician-export').click(),
      ]);
      const file = join(dir.path, name);
      await download.saveAs(file);
      return { file, settings: JSON.parse(readFileSync(file, 'utf8')) };
    };
    const written = JSON.parse(readFileSync(configFile, 'utf8'));
    const plain = await exportTo('exported.json');
    expect(JSON.stringify(plain.settings)).not.toContain('scrypt$');
    const { pinHash, ...technicianWithoutPin } = written.technician;
    expect(pinHash).toMatch(/^scrypt\$/);
    expect(plain.settings).toEqual({ ...written, technician: technicianWithoutPin });
    expect(plain.settings.printer.port).toBe(pty.a);

    await kiosk.getByTestId('technician-export-secrets').check();
    const full = await exportTo('exported-with-secrets.json');
    expect(full.settings).toEqual(written);
    await kiosk.getByTestId('technician-export-secrets').uncheck();

    // As another kiosk of the fleet would: the file chosen, checked whole, written for the next
    // start, with this kiosk's own PIN kept since the file carries none.
    writeFileSync(configFile, JSON.stringify({ technician: written.technician }));
    await kiosk.getByTestId('technician-import').setInputFiles(plain.file);
    await expect.poll(() => outcome('configuration')).toContain('exported.json');
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual(written);
    await shootBothOrientations(kiosk, SCREENSHOTS, 'section-configuration');
  });

  it('changes the default language, and the attract screen follows without a restart', async () => {
    await open('languages');
    await kiosk.getByTestId('technician-default-language').selectOption('ru');
    await kiosk.getByTestId('technician-section-languages').getByTestId('technician-save').click();
    await expect.poll(() => outcome('languages')).toContain('defaultLanguage');
    await shootBothOrientations(kiosk, SCREENSHOTS, 'section-languages-saved');
    await kiosk.getByTestId('technician-close').click();
    await expect.poll(() => kiosk.evaluate(() => document.documentElement.lang)).toBe('ru');
    await expect
      .poll(() => kiosk.getByTestId('screen-attract').innerText())
      .toContain(kioskTexts('ru').attract.touchToStart);
    await shootBothOrientations(kiosk, SCREENSHOTS, 'attract-after-default-language');

    // The technician screens follow the kiosk's language too: the longest labels, in Russian.
    await unlock();
    for (const section of ['printer', 'timeouts', 'configuration']) {
      await open(section);
      await shootBothOrientations(kiosk, SCREENSHOTS, `ru-section-${section}`);
    }
    await expect(kiosk.getByTestId('technician-nav-printer').innerText()).resolves.toBe('Принтер');
    // A technician who reads another language switches the panel, not the visitors' screens.
    await kiosk.getByTestId('technician-panel-language').selectOption('kk');
    await expect(kiosk.getByTestId('technician-nav-catalog').innerText()).resolves.toBe('Каталогты импорттау');
    await shootBothOrientations(kiosk, SCREENSHOTS, 'kk-section-configuration');
    await expect(kiosk.evaluate(() => document.documentElement.lang)).resolves.toBe('ru');
  });
});
