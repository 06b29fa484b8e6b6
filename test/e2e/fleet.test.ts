import { get } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminServer, type RunningAdmin } from '../../main/central/http/admin-server';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { UNKNOWN_PRINTER_STATUS, type PrinterStatus } from '../../main/contract';
import type { SyncBatch, SyncRecord } from '../../main/contract/sync';
import { launchChromium, PORTRAIT, shootBothOrientations } from '../support/chromium';
import { postgresMissing, throwawayPostgres } from '../support/postgres';
import { overflowProblems, seriousAxeViolations } from '../support/screen-checks';

/*
 * The fleet screen in Chromium: devices enrolled and reporting into the central's real PostgreSQL
 * store (through its own enrol and ingest), then read as a technician reads them.
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/fleet');
const NOW = new Date();
const missing = postgresMissing();
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe.skipIf(missing)(
  `the fleet screen (real PostgreSQL, Chromium)${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
    let store: PostgresStore;
    let admin: RunningAdmin;
    let browser: Browser;
    let page: Page;

    /** Enrols a device and, unless `report` is null, sends one batch as it would. */
    async function device(
      deviceId: string,
      centreId: string,
      report: { at: Date; printer?: PrinterStatus; skewSeconds?: number; backlog?: number; rolls?: number } | null,
    ): Promise<void> {
      const codeHash = `code-of-${deviceId}`;
      await store.addEnrolCode({ codeHash, centreId, role: 'bus', expiresAt: new Date(NOW.getTime() + 3_600_000) });
      const enrolled = await store.enrol({
        codeHash,
        deviceId,
        appVersion: '0.1.0',
        tokenHash: `token-of-${deviceId}`,
        at: hoursAgo(24 * 30),
      });
      expect(enrolled.ok).toBe(true);
      if (!report) return;
      const deviceAt = new Date(report.at.getTime() + (report.skewSeconds ?? 0) * 1000).toISOString();
      const records: SyncRecord[] = [{ seq: 1, at: deviceAt, fact: { kind: 'paper-roll' } }];
      for (let i = 0; i < (report.rolls ?? 0); i++) {
        records.push({
          seq: records.length + 1,
          at: deviceAt,
          fact: { kind: 'print-outcome', ticketId: i + 1, status: 'printed', error: null },
        });
      }
      if (report.printer)
        records.push({
          seq: records.length + 1,
          at: deviceAt,
          fact: { kind: 'printer-state', status: report.printer },
        });
      const batch: SyncBatch = {
        deviceId,
        sentAt: deviceAt,
        backlog: report.backlog ?? 0,
        appVersion: '0.1.0',
        catalogVersion: '2026-12',
        records,
      };
      const outcome = await store.ingest(batch, report.at);
      expect(outcome.kind).toBe('acknowledged');
    }

    const printer = (overrides: Partial<PrinterStatus>): PrinterStatus => ({
      ...UNKNOWN_PRINTER_STATUS,
      connection: 'online',
      paper: 'ok',
      ...overrides,
    });

    beforeAll(async () => {
      cluster = await throwawayPostgres();
      store = new PostgresStore(cluster.url);
      await store.migrate();
      await device('bus-healthy', 'bus-fleet', { at: hoursAgo(0.1), printer: printer({}), rolls: 120 });
      await device('bus-paper-out', 'bus-fleet', { at: hoursAgo(0.2), printer: printer({ paper: 'out' }), rolls: 480 });
      await device('hall-silent', 'baku-1', { at: hoursAgo(72), printer: printer({}) });
      await device('hall-skewed', 'baku-1', { at: hoursAgo(0.05), printer: printer({}), skewSeconds: -3 * 3600 });
      await device('bus-new', 'ganja-2', null);
      await device('bus-old', 'ganja-2', { at: hoursAgo(400) });
      expect(await store.revoke('bus-old', NOW)).toBe(true);
      admin = await startAdminServer({ store });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: PORTRAIT });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await admin?.close();
      await store?.close();
      cluster?.remove();
    });

    const listed = () =>
      page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-device')));

    it('lists every device, those needing a technician first, each saying why', async () => {
      await page.goto(`${admin.url}/fleet`);
      expect(await listed()).toEqual([
        'bus-paper-out',
        'hall-silent',
        'bus-new',
        'hall-skewed',
        'bus-healthy',
        'bus-old',
      ]);
      await expect(page.locator('p.summary').textContent()).resolves.toContain(
        '6 devices enrolled, 4 need a technician',
      );
      const row = (id: string) => page.locator(`tr[data-device="${id}"]`);
      expect(await row('bus-paper-out').textContent()).toContain('printer: paper out');
      expect(await row('hall-silent').textContent()).toMatch(/silent for 7[12] h/);
      expect(await row('hall-skewed').textContent()).toContain('clock 180 min behind');
      expect(await row('bus-new').textContent()).toContain('enrolled, never synced');
      expect(await row('bus-healthy').textContent()).toContain('120 tickets on this roll');
      expect(await row('bus-healthy').textContent()).toContain('catalog 2026-12');
      expect(await row('bus-old').textContent()).toContain('revoked');
      expect(await overflowProblems(page)).toEqual([]);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shootBothOrientations(page, SCREENSHOTS, 'fleet-all');
    });

    it('filters by centre, by "needs a technician" and by a search, as a technician narrows it down', async () => {
      await page.goto(`${admin.url}/fleet`);
      await page.selectOption('select[name="centre"]', 'baku-1');
      await page.click('button[type="submit"]');
      expect(await listed()).toEqual(['hall-silent', 'hall-skewed']);

      await page.goto(`${admin.url}/fleet`);
      await page.check('input[name="needs"]');
      await page.click('button[type="submit"]');
      expect(await listed()).toEqual(['bus-paper-out', 'hall-silent', 'bus-new', 'hall-skewed']);
      await shootBothOrientations(page, SCREENSHOTS, 'fleet-needs');

      await page.goto(`${admin.url}/fleet`);
      await page.fill('input[name="q"]', 'PAPER');
      await page.click('button[type="submit"]');
      expect(await listed()).toEqual(['bus-paper-out']);
    });

    it('answers only on 127.0.0.1: a page reaching it under another name is refused', async () => {
      // fetch() sends its own Host; node:http sends the one a rebinding page would.
      const status = await new Promise<number>((resolve, reject) =>
        get(`${admin.url}/fleet.json`, { headers: { host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject),
      );
      expect(status).toBe(421);
      const json = (await (await fetch(`${admin.url}/fleet.json`)).json()) as { devices: Array<{ deviceId: string }> };
      expect(json.devices.map((entry) => entry.deviceId).sort()).toEqual([
        'bus-healthy',
        'bus-new',
        'bus-old',
        'bus-paper-out',
        'hall-silent',
        'hall-skewed',
      ]);
    });
  },
);
