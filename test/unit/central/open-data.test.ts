import { describe, expect, it } from 'vitest';
import {
  OPEN_DATA_COLUMNS,
  openDataCsv,
  openDataFiles,
  openDataJson,
  openDataPackage,
  openDataRow,
  openDataRows,
  type OpenDataCell,
} from '../../../main/central/open-data/open-data';
import { BYTE_ORDER_MARK, parseCsv } from '../../../main/shared/csv';

const cell = (overrides: Partial<OpenDataCell> = {}): OpenDataCell => ({
  month: '2026-11',
  centreId: 'baku-1',
  centreName: 'ASAN xidmət Bakı 1',
  region: 'Bakı',
  serviceId: 'passport',
  serviceName: 'Passport',
  tickets: 120,
  served: 100,
  noShows: 20,
  waited: 120,
  waitMedianMinutes: 7,
  waitP90Minutes: 18,
  waitStandardMinutes: 15,
  waitWithinStandardShare: 0.8333333,
  serviceMedianMinutes: 4,
  serviceStandardMinutes: 5,
  serviceWithinStandardShare: 0.71,
  offered: 90,
  ratings: 60,
  ratingAverage: 4.4666,
  responseRate: 0.6666666,
  ...overrides,
});

describe('open data: a month’s figures per centre × service, nothing inferable about one visit', () => {
  it('publishes a well-based row whole, rounded as described', () => {
    expect(openDataRow(cell())).toEqual({
      month: '2026-11',
      centre_id: 'baku-1',
      centre_name: 'ASAN xidmət Bakı 1',
      region: 'Bakı',
      service_id: 'passport',
      service_name: 'Passport',
      tickets: 120,
      served: 100,
      no_shows: 20,
      wait_median_minutes: 7,
      wait_p90_minutes: 18,
      wait_standard_minutes: 15,
      wait_within_standard_share: 0.833,
      service_median_minutes: 4,
      service_standard_minutes: 5,
      service_within_standard_share: 0.71,
      ratings: 60,
      rating_average: 4.5,
      response_rate: 0.667,
      withheld: false,
    });
  });

  it('withholds every figure of a cell under 10 visits, keeping what identifies the cell and the standards', () => {
    const row = openDataRow(cell({ tickets: 9, served: 8, noShows: 1, waited: 9, ratings: 3, offered: 8 }));
    expect(row.withheld).toBe(true);
    for (const name of ['tickets', 'served', 'no_shows', 'wait_median_minutes', 'wait_p90_minutes', 'ratings']) {
      expect(row[name], name).toBeNull();
    }
    expect(row).toMatchObject({ centre_id: 'baku-1', service_id: 'passport', wait_standard_minutes: 15 });
  });

  it('checks each figure against its own base: few ratings hide the average, not the waiting time', () => {
    const row = openDataRow(cell({ ratings: 4, offered: 9 }));
    expect(row).toMatchObject({ tickets: 120, wait_median_minutes: 7, ratings: 4, withheld: true });
    expect(row.rating_average).toBeNull();
    expect(row.response_rate).toBeNull();
    // Exactly at the threshold: published.
    expect(openDataRow(cell({ ratings: 10, offered: 10 }))).toMatchObject({ rating_average: 4.5, withheld: false });
    // A threshold of the publisher's choosing.
    expect(openDataRow(cell({ ratings: 10, offered: 10 }), 20).rating_average).toBeNull();
  });

  it('writes CSV with a BOM that reads back to the same rows, withheld figures as empty fields', () => {
    const rows = openDataRows([
      cell({ serviceId: 'z-last', tickets: 5 }),
      cell({ centreId: 'ganja', serviceName: 'Pass, "new"' }),
      cell(),
    ]);
    const csv = openDataCsv(rows);
    expect(csv.startsWith(BYTE_ORDER_MARK)).toBe(true);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual(OPEN_DATA_COLUMNS.map((column) => column.name));
    expect(parsed.slice(1).map((line) => [line[1], line[4]])).toEqual([
      ['baku-1', 'passport'],
      ['baku-1', 'z-last'],
      ['ganja', 'passport'],
    ]);
    const withheld = parsed[2]!;
    expect(withheld[OPEN_DATA_COLUMNS.findIndex((column) => column.name === 'tickets')]).toBe('');
    expect(withheld.at(-1)).toBe('true');
    expect(parsed[3]![5]).toBe('Pass, "new"');
    expect(JSON.parse(openDataJson(rows))).toEqual(rows);
  });

  it('describes both files, every column and the licence as a Frictionless tabular data package', () => {
    const description = openDataPackage({
      month: '2026-11',
      publisher: 'Ministry',
      createdAt: new Date('2026-12-01T00:00:00Z'),
    });
    const resources = description.resources as Array<{
      path: string;
      schema: { fields: Array<{ name: string; type: string; description: string }> };
    }>;
    expect(resources.map((resource) => resource.path)).toEqual([
      openDataFiles('2026-11').csv,
      openDataFiles('2026-11').json,
    ]);
    expect(resources[0]!.schema.fields.map((field) => field.name)).toEqual(
      OPEN_DATA_COLUMNS.map((column) => column.name),
    );
    for (const field of resources[0]!.schema.fields) expect(field.description.length, field.name).toBeGreaterThan(10);
    expect(description.licenses).toEqual([expect.objectContaining({ name: 'CC-BY-4.0' })]);
    expect(description.profile).toBe('tabular-data-package');
  });
});
