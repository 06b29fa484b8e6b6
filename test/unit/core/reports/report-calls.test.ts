import { describe, expect, it } from 'vitest';
import type { Catalog, Rating, Ticket } from '../../../../main/contract';
import { loadCatalogFile } from '../../../../main/boot/read-files';
import { KioskConfig } from '../../../../main/core/config';
import type { KioskStore } from '../../../../main/core/ports';
import { ReportCalls } from '../../../../main/core/reports/report-calls';
import { LiveSettings } from '../../../../main/core/settings';
import { ManualClock, RecordingPrinterStandIn, SAMPLE_CATALOG } from '../../../support/kiosk-fixture';
import { DAY, OFFERED, RATINGS } from './sample-day';

const sample = loadCatalogFile(SAMPLE_CATALOG);
/** The sample day's two services under the ids of two sample services, so names and standards come from the catalog. */
const first = { ...sample.services[0]!, serviceMinutes: 15 };
const second = { ...sample.services[1]!, serviceMinutes: 10 };
const catalog: Catalog = { ...sample, services: [first, second] };
const tickets: Ticket[] = DAY.map((t) => ({ ...t, serviceId: t.serviceId === 'passport' ? first.id : second.id }));

/** Only what the reports read, over the sample day: the SQLite store is exercised by the e2e test. */
function storeStandIn(): KioskStore {
  const byDay = new Map([['2026-11-20', tickets]]);
  const ratingsByDay = new Map<string, Rating[]>([['2026-11-20', RATINGS]]);
  return {
    listTickets: (day: string) => byDay.get(day) ?? [],
    // The reports read a day's ratings in one query: a rating read per ticket fails here.
    listRatings: (day: string) => ratingsByDay.get(day) ?? [],
    listRatingOffers: (day: string) => (day === '2026-11-20' ? [...OFFERED] : []),
    getRating: () => {
      throw new Error("the reports read the day's ratings with listRatings, not one per ticket");
    },
  } as Pick<KioskStore, 'listTickets' | 'listRatings' | 'listRatingOffers' | 'getRating'> as KioskStore;
}

function reportCalls(validTokens: string[]) {
  const printer = new RecordingPrinterStandIn();
  const calls = new ReportCalls({
    store: storeStandIn(),
    // Friday 20 November 2026, 18:30 in Baku.
    clock: new ManualClock(new Date('2026-11-20T14:30:00Z')),
    settings: new LiveSettings({
      config: KioskConfig.parse({
        timeZone: 'Asia/Baku',
        kioskId: 'hall-1',
        centreName: 'ASAN xidmət 1',
        defaultLanguage: 'az',
      }),
      catalog,
      printer,
    }),
    staff: { isStaffToken: (token) => validTokens.includes(token) },
  });
  return { calls, printer };
}

describe('report calls (store stand-in)', () => {
  it('refuses every report without a desk or technician session', async () => {
    const { calls, printer } = reportCalls(['good']);
    for (const call of [
      () => calls.getDayReport({ token: 'stolen' }),
      () => calls.exportDayCsv({ token: 'stolen' }),
      () => calls.printDaySummary({ token: 'stolen' }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'desk-session-required' });
    }
    expect(printer.reports).toEqual([]);
  });

  it('takes today on the centre clock when no day is given, and a day that is no calendar day is refused by name', async () => {
    const { calls } = reportCalls(['good']);
    const today = await calls.getDayReport({ token: 'good' });
    expect(today.day).toBe('2026-11-20');
    expect(today.totals.tickets).toBe(6);
    expect((await calls.getDayReport({ token: 'good', day: '2026-11-19' })).totals.tickets).toBe(0);
    await expect(calls.getDayReport({ token: 'good', day: '2026-02-30' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('day:'),
    });
  });

  it('exports the CSV under the kiosk and day name', async () => {
    const { calls } = reportCalls(['good']);
    const { fileName, csv } = await calls.exportDayCsv({ token: 'good' });
    expect(fileName).toBe('visits-hall-1-2026-11-20.csv');
    expect(csv.startsWith('\uFEFFnumber,service_id,')).toBe(true);
    expect(csv.split('\r\n').filter((line) => line.includes(first.name.az))).toHaveLength(2);
  });

  it('prints the summary in the default language (az) with the hand-worked totals', async () => {
    const { calls, printer } = reportCalls(['good']);
    expect(await calls.printDaySummary({ token: 'good' })).toEqual({ printed: true });
    const [report] = printer.reports;
    expect(report?.title).toBe('Günün yekunu');
    expect(report?.subtitle).toEqual(['ASAN xidmət 1, 2026-11-20', 'Çap vaxtı: 2026-11-20 18:30']);
    const rows = new Map(report?.rows.map((row) => [row.label, row.value]));
    expect(rows.get('Verilmiş talonlar')).toBe('6');
    expect(rows.get('Xidmət göstərilib')).toBe('3');
    expect(rows.get('Gəlməyib')).toBe('1');
    expect(rows.get('Orta gözləmə')).toBe('14,2 dəq');
    expect(rows.get('Normativ daxilində')).toBe('67%'); // locales/az "{{value}}%": no space
    expect(rows.get('Qiymətlər 1/2/3/4/5')).toBe('0/1/0/1/1');
    // The average comes with its response rate: 3 rated of 3 offered.
    expect(rows.get('Qiymət təklif olunub')).toBe('3');
    expect(rows.get('Qiymət verənlərin payı')).toBe('100%');
    expect(rows.get('Masa 2')).toBe('2 / 2');
    expect(rows.get(first.name.az)).toBe('2 / 3');
  });

  it('a printer fault reaches the caller as printer-unavailable with its cause', async () => {
    const { calls, printer } = reportCalls(['good']);
    printer.failWith = 'paper out';
    await expect(calls.printDaySummary({ token: 'good' })).rejects.toMatchObject({
      code: 'printer-unavailable',
      message: expect.stringContaining('paper out'),
    });
  });
});
