import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { startBrowserShell } from '../support/browser-shell-process';
import type { RunningShell } from '../support/browser-shell-process';
import { PORTRAIT, launchChromium, shootBothOrientations } from '../support/chromium';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots');
const texts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/kiosk.json`), 'utf8')) as {
    priority: Record<string, string>;
  };

const shoot = (page: Page, name: string) => shootBothOrientations(page, SCREENSHOTS, name);

describe('a priority ticket with one tap on the service page (Chromium → browser shell → SQLite)', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let kiosk: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-priority-');
    const sample = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));
    const catalogFile = join(dir.path, 'catalog.json');
    // One service of the same category gives no priority, to see the choice absent there.
    const services = sample.services.map((s) => (s.id === 'passport-child' ? { ...s, priorityAllowed: false } : s));
    writeFileSync(catalogFile, JSON.stringify({ ...sample, services }));
    const configFile = join(dir.path, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({ timeZone: 'Asia/Almaty', resultScreenSeconds: 30, catalogPath: catalogFile }),
    );
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    kiosk = await browser.newPage({ viewport: PORTRAIT });
    await kiosk.goto(shell.url);
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  async function openService(language: Language, serviceId: string) {
    await kiosk.getByTestId('screen-attract').click();
    await kiosk.getByTestId(`language-${language}`).click();
    await kiosk.getByTestId('provider-internal-affairs').click();
    await kiosk.getByTestId('category-ia-documents').click();
    await kiosk.getByTestId(`service-${serviceId}`).click();
    await kiosk.getByTestId('take-ticket').waitFor();
  }

  it('a Kyrgyz visitor taps "elderly": the ticket says so, and the store keeps the category', async () => {
    await openService('ky', 'passport');
    const ky = texts('ky');
    await expect.poll(() => kiosk.getByTestId('take-priority-elderly').innerText()).toBe(ky.priority.elderly);
    await expect.poll(() => kiosk.getByTestId('take-priority-pregnant').innerText()).toBe(ky.priority.pregnant);
    await shoot(kiosk, 'p1-service-priority-ky');
    await kiosk.getByTestId('take-priority-elderly').click();
    await kiosk.getByTestId('screen-ticket').waitFor();
    expect(await kiosk.getByTestId('ticket-number').innerText()).toBe('A-001');
    expect(await kiosk.getByTestId('ticket-priority').innerText()).toContain(ky.priority.elderly);
    await shoot(kiosk, 'p2-ticket-priority-ky');
    await kiosk.getByTestId('ticket-done').click();

    const db = new Database(join(dir.path, 'kiosk.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT number, priority FROM tickets').all();
    db.close();
    expect(rows).toEqual([{ number: 'A-001', priority: 'elderly' }]);
  });

  it('offers no priority choice where the service allows none, and a normal ticket carries no mark', async () => {
    await openService('en', 'passport-child');
    expect(await kiosk.locator('[data-testid^="take-priority-"]').count()).toBe(0);
    await kiosk.getByTestId('take-ticket').click();
    await kiosk.getByTestId('screen-ticket').waitFor();
    expect(await kiosk.getByTestId('ticket-number').innerText()).toBe('A-002');
    expect(await kiosk.getByTestId('ticket-priority').count()).toBe(0);
    await kiosk.getByTestId('ticket-done').click();
  });
});
