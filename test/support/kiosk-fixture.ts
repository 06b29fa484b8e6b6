import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Catalog } from '../../main/contract';
import { KioskConfig } from '../../main/core/config';
import { loadCatalogFile } from '../../main/boot/read-files';
import { createKioskCore } from '../../main/core/kiosk-core';
import { UNKNOWN_PRINTER_STATUS, type PrinterStatus } from '../../main/contract';
import type { Clock, ReportPrintout, TicketPrinter, TicketPrintout } from '../../main/core/ports';
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
  /** What the stand-in reports when asked; `setStatus` also tells the listeners, as a printer would. */
  status: PrinterStatus = { ...UNKNOWN_PRINTER_STATUS, connection: 'online', paper: 'ok' };
  private readonly listeners = new Set<(status: PrinterStatus) => void>();
  async print(ticket: TicketPrintout): Promise<void> {
    if (this.failWith) throw new Error(this.failWith);
    this.printed.push(ticket);
  }
  readonly reports: ReportPrintout[] = [];
  async printReport(report: ReportPrintout): Promise<void> {
    if (this.failWith) throw new Error(this.failWith);
    this.reports.push(report);
  }
  async checkStatus(): Promise<PrinterStatus> {
    return this.status;
  }
  lastStatus(): PrinterStatus {
    return this.status;
  }
  onStatusChange(listener: (status: PrinterStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  setStatus(status: Partial<PrinterStatus>): void {
    this.status = { ...this.status, ...status };
    for (const listener of this.listeners) listener(this.status);
  }
  async close(): Promise<void> {}
}

export function tempDir(prefix = 'kiosk-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every service open round the clock: tests about numbering must not depend on the hour they run at. */
export function alwaysOpen(catalog: Catalog): Catalog {
  return {
    ...catalog,
    services: catalog.services.map((service) => ({
      ...service,
      openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }],
    })),
  };
}

/** A kiosk service over a real SQLite file in a temporary folder; the sample catalog, open round the clock unless `catalog` says otherwise. */
export function makeKiosk(options: {
  dbFile: string;
  clock: ManualClock;
  timeZone?: string;
  catalog?: (sample: Catalog) => Catalog;
  /** Further settings, as a config file would give them. */
  config?: Partial<z.input<typeof KioskConfig>>;
}) {
  const store = new SqliteStore(options.dbFile);
  const printer = new RecordingPrinterStandIn();
  const config = KioskConfig.parse({
    timeZone: options.timeZone ?? 'Asia/Baku',
    centreName: 'Test centre',
    ...options.config,
  });
  const core = createKioskCore({
    config,
    catalog: (options.catalog ?? alwaysOpen)(loadCatalogFile(SAMPLE_CATALOG)),
    store,
    printer,
    clock: options.clock,
  });
  // `service` is the call map tests call as a client would; `core` adds the events and the printer.
  return { core, service: core.handlers, store, printer, config };
}
