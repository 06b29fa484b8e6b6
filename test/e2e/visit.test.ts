import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../main/contract';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import { startBrowserShell } from '../support/browser-shell-process';
import type { RunningShell } from '../support/browser-shell-process';
import { LANDSCAPE, PORTRAIT, launchChromium, shootBothOrientations } from '../support/chromium';
import { deskWithPin, signInAtConsole } from '../support/console-page';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { loadCatalogFile } from '../../main/boot/read-files';
import { openPtyPair } from '../support/pty-pair';
import type { PtyPair } from '../support/pty-pair';

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const TICKETS = join(ARTIFACTS, 'printed-tickets');

const catalog = JSON.parse(readFileSync(SAMPLE_CATALOG, 'utf8')) as {
  services: { id: string; name: Record<Language, string> }[];
};
const serviceName = (id: string, language: Language) => catalog.services.find((s) => s.id === id)!.name[language];
const texts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/kiosk.json`), 'utf8')) as {
    rating: { title: string; score: Record<string, string> };
    thanks: { title: string };
  };

/** The crew's desk PIN in this test's configuration. */
const CREW_PIN = '1357';

/** Every screen in both orientations, kept as test artifacts for people to look at. */
const shoot = (page: Page, name: string) => shootBothOrientations(page, SCREENSHOTS, name);

describe('one visit through every layer: Chromium → browser shell → SQLite → serial PTY → printer emulator', () => {
  let dir: ReturnType<typeof tempDir>;
  let pty: PtyPair;
  let emulator: PrinterEmulator;
  let shell: RunningShell;
  let browser: Browser;
  let kiosk: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-');
    pty = await openPtyPair();
    emulator = await PrinterEmulator.open({ path: pty.b, previewDir: TICKETS });
    const configFile = join(dir.path, 'kiosk.json');
    // Open round the clock: the test must not depend on the hour it runs at.
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
    writeFileSync(
      configFile,
      JSON.stringify({
        centreName: 'ASAN xidmət',
        timeZone: 'Asia/Almaty',
        resultScreenSeconds: 3,
        catalogPath: catalogFile,
        desks: [deskWithPin('1', CREW_PIN)],
      }),
    );
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile, '--printer-port', pty.a]);
    browser = await launchChromium();
    kiosk = await browser.newPage({ viewport: PORTRAIT });
    await kiosk.goto(shell.url);
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    await emulator?.close();
    await pty?.close();
    dir?.remove();
  });

  async function takeTicket(language: Language, serviceId: string, shots: boolean) {
    await kiosk.getByTestId('screen-attract').waitFor();
    if (shots) await shoot(kiosk, '1-attract');
    await kiosk.getByTestId('screen-attract').click();
    await kiosk.getByTestId('screen-language').waitFor();
    if (shots) await shoot(kiosk, '2-language');
    await kiosk.getByTestId(`language-${language}`).click();
    await kiosk.getByTestId('screen-services').waitFor();
    await expect.poll(() => kiosk.locator('html').getAttribute('lang')).toBe(language);
    // Provider → category → service → the service's page → "Take a ticket".
    await kiosk.getByTestId('provider-internal-affairs').click();
    await kiosk.getByTestId('category-ia-documents').click();
    await expect
      .poll(() => kiosk.getByTestId(`service-${serviceId}`).innerText())
      .toContain(serviceName(serviceId, language));
    await shoot(kiosk, `3-services-${language}`);
    await kiosk.getByTestId(`service-${serviceId}`).click();
    await expect.poll(() => kiosk.getByTestId('service-title').innerText()).toBe(serviceName(serviceId, language));
    await kiosk.getByTestId('take-ticket').click();
    await kiosk.getByTestId('screen-ticket').waitFor();
    await shoot(kiosk, `4-ticket-${language}`);
    return { shown: await kiosk.getByTestId('ticket-number').innerText(), printed: await emulator.nextTicket() };
  }

  it('a Russian visitor takes A-001: on screen and on paper, Cyrillic after a code page selection', async () => {
    const { shown, printed } = await takeTicket('ru', 'passport', true);
    expect(shown).toBe('A-001');
    expect(printed.lines).toContain('A-001');
    expect(printed.lines.join('\n')).toContain(serviceName('passport', 'ru'));
    const ops = printed.ops.map((op) => op.kind);
    const firstCyrillic = printed.ops.findIndex((op) => op.kind === 'text' && /[А-я]/.test(op.text));
    const lastCodePageBefore = printed.ops.slice(0, firstCyrillic).findLast((op) => op.kind === 'codePage');
    expect(lastCodePageBefore).toMatchObject({ kind: 'codePage', number: 17 });
    expect(printed.ops).toContainEqual(
      expect.objectContaining({ kind: 'qrPrint', data: expect.stringMatching(/:A-001$/) }),
    );
    expect(ops).toContain('cut');
    // The ticket screen times out back to the start by itself.
    await kiosk.getByTestId('screen-attract').waitFor({ timeout: 10_000 });
  });

  it('a Kazakh visitor takes A-002: Kazakh letters printed in KZ-1048', async () => {
    const { shown, printed } = await takeTicket('kk', 'identity-card', false);
    expect(shown).toBe('A-002');
    expect(printed.lines).toContain('A-002');
    expect(printed.lines.join('\n')).toContain(serviceName('identity-card', 'kk'));
    const firstKazakh = printed.ops.findIndex((op) => op.kind === 'text' && /[әғқңөұүһі]/i.test(op.text));
    expect(printed.ops.slice(0, firstKazakh).findLast((op) => op.kind === 'codePage')).toMatchObject({ number: 53 });
    await kiosk.getByTestId('ticket-done').click();
    await kiosk.getByTestId('screen-attract').waitFor();
  });

  it('the desk calls, serves and finishes A-001; the kiosk asks for a rating in Russian and stores the tap', async () => {
    const desk = await browser.newPage({ viewport: LANDSCAPE });
    await signInAtConsole(desk, shell.url, '1', CREW_PIN, 'en');
    await desk.getByTestId('action-callNext').click();
    await expect.poll(() => desk.getByTestId('current-number').innerText()).toBe('A-001');
    await desk.getByTestId('action-start').click();
    await expect.poll(() => desk.getByTestId('current-state').getAttribute('data-state')).toBe('serving');
    await desk.screenshot({ path: join(SCREENSHOTS, '6-console-serving-landscape.png') });
    await desk.getByTestId('action-finish').click();

    const ru = texts('ru');
    await kiosk.getByTestId('screen-rating').waitFor();
    await expect.poll(() => kiosk.locator('html').getAttribute('lang')).toBe('ru');
    await expect.poll(() => kiosk.getByTestId('screen-rating').innerText()).toContain(ru.rating.title);
    for (const score of ['1', '2', '3', '4', '5']) {
      expect(await kiosk.getByTestId(`rating-face-${score}`).innerText()).toContain(ru.rating.score[score]);
    }
    await shoot(kiosk, '5-rating-ru');
    await kiosk.getByTestId('rating-face-4').click();
    await kiosk.getByTestId('rating-done').click();
    await kiosk.getByTestId('screen-thanks').waitFor();
    expect(await kiosk.getByTestId('screen-thanks').innerText()).toContain(ru.thanks.title);
    await shoot(kiosk, '7-thanks-ru');
    await kiosk.getByTestId('screen-attract').waitFor({ timeout: 10_000 });

    const db = new Database(join(dir.path, 'kiosk.sqlite'), { readonly: true });
    try {
      const stored = db
        .prepare(
          'SELECT t.number, t.language, t.print_status, r.score FROM ratings r JOIN tickets t ON t.id = r.ticket_id',
        )
        .all();
      expect(stored).toEqual([{ number: 'A-001', language: 'ru', print_status: 'printed', score: 4 }]);
    } finally {
      db.close();
    }
    await desk.close();
  });
});
