import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskConfig } from '../../main/core/config';
import { loadCatalogFile } from '../../main/core/catalog-source';
import { KioskService } from '../../main/core/kiosk-service';
import type { Clock, TicketPrinter, TicketPrintout } from '../../main/core/ports';
import { SqliteStore } from '../../main/store/sqlite-store';

export const SAMPLE_CATALOG = join(import.meta.dirname, '../../catalog/sample-catalog.json');

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date | string): void {
    this.instant = new Date(instant);
  }
}

/**
 * Stands in for the printer where a test is about numbering or visits, not printing: it keeps
 * what it was given and fails when told to. Printing itself is tested through a real PTY.
 */
export class RecordingPrinterStandIn implements TicketPrinter {
  readonly printed: TicketPrintout[] = [];
  failWith: string | null = null;
  async print(ticket: TicketPrintout): Promise<void> {
    if (this.failWith) throw new Error(this.failWith);
    this.printed.push(ticket);
  }
  async close(): Promise<void> {}
}

export function tempDir(prefix = 'kiosk-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A kiosk service over a real SQLite file in a temporary folder. */
export function makeKiosk(options: { dbFile: string; clock: ManualClock; timeZone?: string }) {
  const store = new SqliteStore(options.dbFile);
  const printer = new RecordingPrinterStandIn();
  const config = KioskConfig.parse({ timeZone: options.timeZone ?? 'Asia/Baku', centreName: 'Test centre' });
  const service = new KioskService({
    config,
    catalog: loadCatalogFile(SAMPLE_CATALOG),
    store,
    printer,
    clock: options.clock,
  });
  return { service, store, printer, config };
}
