// The bench's kiosk to tap on, shared by its figures: a browser shell with its own PTY printer and
// emulator, and one visitor's tap timed to the ticket's first byte at the printer port.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadCatalogFile } from '../main/boot/read-files';
import { PrinterEmulator } from '../native/emulator/printer-emulator';
import type { RunningShell } from '../test/support/browser-shell-process';
import { PORTRAIT } from '../test/support/chromium';
import { alwaysOpen, SAMPLE_CATALOG } from '../test/support/kiosk-fixture';
import { openPtyPair } from '../test/support/pty-pair';

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
export const fmt = (n: number, digits = 1) => n.toFixed(digits);
export const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** A kiosk to tap on: its own PTY printer with the emulator, its own shell and data folder, a page in Chromium. */
export interface TapRig {
  page: Page;
  shell: RunningShell;
  emulator: PrinterEmulator;
  /** When the ticket's first byte (ESC @) reached the printer, not the status request (DLE EOT) before it. */
  firstByteAt: number | null;
  close(): Promise<void>;
}

export async function openTapRig(
  browser: Browser,
  startShell: (args: string[]) => Promise<RunningShell>,
  /** Fills the data folder before the kiosk starts (a database with a backlog, central.json). */
  prepare: (dataDir: string) => void = () => {},
): Promise<TapRig> {
  const pty = await openPtyPair();
  const emulator = await PrinterEmulator.open({ path: pty.b });
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  // Open round the clock: the figures must not depend on the hour the bench runs at.
  prepare(dataDir);
  const catalogFile = join(dataDir, 'catalog.json');
  writeFileSync(catalogFile, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
  const shell = await startShell(['--data-dir', dataDir, '--catalog', catalogFile, '--printer-port', pty.a]);
  const page = await browser.newPage({ viewport: PORTRAIT });
  await page.goto(shell.url);
  const rig: TapRig = {
    page,
    shell,
    emulator,
    firstByteAt: null,
    close: async () => {
      await page.close();
      await shell.stop();
      await emulator.close();
      await pty.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  emulator.onBytes((chunk, at) => {
    if (chunk.includes(0x1b)) rig.firstByteAt ??= at;
  });
  return rig;
}

/** One visitor: from the attract screen to the passport service, then the timed tap; ms to the ticket's first byte. */
export async function tapToFirstByte(rig: TapRig): Promise<number> {
  const { page, emulator } = rig;
  await page.getByTestId('screen-attract').click();
  await page.getByTestId('language-en').click();
  await page.getByTestId('provider-internal-affairs').click();
  await page.getByTestId('category-ia-documents').click();
  await page.getByTestId('service-passport').click();
  const service = page.getByTestId('take-ticket');
  await service.waitFor();
  // A new screen ignores touches for a moment (double-tap guard); the tap is timed once it counts.
  // Polled from here: the page's CSP forbids string code, and tsx wraps named functions in helpers the page lacks.
  while ((await service.evaluate((button) => getComputedStyle(button).pointerEvents)) !== 'auto') {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const box = (await service.boundingBox())!;
  rig.firstByteAt = null;
  const tappedAt = performance.now();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await emulator.nextTicket();
  const ms = rig.firstByteAt! - tappedAt;
  await page.getByTestId('ticket-number').waitFor();
  await page.getByTestId('ticket-done').click();
  return ms;
}
