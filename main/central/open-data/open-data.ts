import { csvFile } from '../../shared/csv';

/*
 * The public monitoring's open data (issue 13; Kyrgyz law, art. 14: public monitoring of service
 * quality): per month, one row per centre × service with its figures, as CSV (UTF-8 with a BOM,
 * for spreadsheets) and JSON, described by a Frictionless Data package (datapackage.json: every
 * column's name, type, unit and meaning, and the licence) so machines read it without guessing.
 *
 * No single visit may be inferred: a figure computed from fewer than `threshold` visits (default
 * 10) is withheld, blank in CSV and null in JSON, and the row says so. Each figure is checked
 * against its own base: the waiting time against the visits that waited to a call, the average
 * score against the ratings, the response rate against the visits offered a rating. There are no
 * totals rows, so a withheld cell cannot be recovered by subtraction within the file.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 10;

/** One centre × service × month, as the central's rollups give it (counts, and figures or null when none). */
export interface OpenDataCell {
  /** YYYY-MM, in the centre's own time zone. */
  month: string;
  centreId: string;
  centreName: string;
  region: string;
  serviceId: string;
  /** The service's name in English (the other languages are in the catalog the centre publishes). */
  serviceName: string;
  tickets: number;
  served: number;
  noShows: number;
  /** Visits whose waiting time is known (called at a desk): the base of the waiting figures. */
  waited: number;
  waitMedianMinutes: number | null;
  waitP90Minutes: number | null;
  waitStandardMinutes: number;
  waitWithinStandardShare: number | null;
  serviceMedianMinutes: number | null;
  serviceStandardMinutes: number | null;
  serviceWithinStandardShare: number | null;
  offered: number;
  ratings: number;
  ratingAverage: number | null;
  responseRate: number | null;
}

type FieldType = 'string' | 'integer' | 'number' | 'boolean';

interface Column {
  name: string;
  type: FieldType;
  description: string;
  unit?: string;
  /** The count a figure is computed from: below the threshold, the figure is withheld. */
  base?: (cell: OpenDataCell) => number;
  value: (cell: OpenDataCell) => string | number | boolean | null;
}

const share = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Every column, in file order, with its meaning: the same list writes the CSV, the JSON and the description. */
export const OPEN_DATA_COLUMNS: readonly Column[] = [
  {
    name: 'month',
    type: 'string',
    description: 'The month, YYYY-MM, in the centre’s time zone.',
    value: (c) => c.month,
  },
  { name: 'centre_id', type: 'string', description: 'The centre’s (or bus’s) identifier.', value: (c) => c.centreId },
  { name: 'centre_name', type: 'string', description: 'The centre’s name.', value: (c) => c.centreName },
  { name: 'region', type: 'string', description: 'The region the centre is in.', value: (c) => c.region },
  {
    name: 'service_id',
    type: 'string',
    description: 'The service’s identifier in the catalog.',
    value: (c) => c.serviceId,
  },
  { name: 'service_name', type: 'string', description: 'The service’s name in English.', value: (c) => c.serviceName },
  {
    name: 'tickets',
    type: 'integer',
    description: 'Queue tickets issued for the service in the month.',
    base: (c) => c.tickets,
    value: (c) => c.tickets,
  },
  {
    name: 'served',
    type: 'integer',
    description: 'Visits served at a desk to the end.',
    base: (c) => c.tickets,
    value: (c) => c.served,
  },
  {
    name: 'no_shows',
    type: 'integer',
    description: 'Tickets called at a desk whose visitor did not come.',
    base: (c) => c.tickets,
    value: (c) => c.noShows,
  },
  {
    name: 'wait_median_minutes',
    type: 'integer',
    unit: 'minute',
    description: 'Median waiting time from the ticket to the first call at a desk, in whole minutes.',
    base: (c) => c.waited,
    value: (c) => c.waitMedianMinutes,
  },
  {
    name: 'wait_p90_minutes',
    type: 'integer',
    unit: 'minute',
    description: '90th percentile of the waiting time: nine visitors in ten waited this long or less.',
    base: (c) => c.waited,
    value: (c) => c.waitP90Minutes,
  },
  {
    name: 'wait_standard_minutes',
    type: 'integer',
    unit: 'minute',
    description: 'The waiting standard set for the service.',
    value: (c) => c.waitStandardMinutes,
  },
  {
    name: 'wait_within_standard_share',
    type: 'number',
    description: 'Share (0–1) of the visitors called within the waiting standard.',
    base: (c) => c.waited,
    value: (c) => share(c.waitWithinStandardShare),
  },
  {
    name: 'service_median_minutes',
    type: 'integer',
    unit: 'minute',
    description: 'Median time at the desk, from the start of the visit to its end, in whole minutes.',
    base: (c) => c.served,
    value: (c) => c.serviceMedianMinutes,
  },
  {
    name: 'service_standard_minutes',
    type: 'integer',
    unit: 'minute',
    description: 'The service-time standard set for the service (empty when none is set).',
    value: (c) => c.serviceStandardMinutes,
  },
  {
    name: 'service_within_standard_share',
    type: 'number',
    description: 'Share (0–1) of the served visits that ended within the service-time standard.',
    base: (c) => c.served,
    value: (c) => share(c.serviceWithinStandardShare),
  },
  {
    name: 'ratings',
    type: 'integer',
    description: 'Visits rated by their visitor (one rating per visit: a changed mind replaces the score).',
    base: (c) => c.tickets,
    value: (c) => c.ratings,
  },
  {
    name: 'rating_average',
    type: 'number',
    description: 'Average score of the ratings, 1 (very dissatisfied) to 5 (very satisfied), to one decimal.',
    base: (c) => c.ratings,
    value: (c) => tenth(c.ratingAverage),
  },
  {
    name: 'response_rate',
    type: 'number',
    description: 'Share (0–1) of the visits offered a rating screen that were rated.',
    base: (c) => c.offered,
    value: (c) => share(c.responseRate),
  },
  {
    name: 'withheld',
    type: 'boolean',
    description:
      'true when some figures of the row are left empty because they would rest on fewer visits than the threshold.',
    value: () => false,
  },
];

export type OpenDataRow = Record<string, string | number | boolean | null>;

/** The row as published: each figure whose base is below the threshold withheld (null), and the row marked. */
export function openDataRow(cell: OpenDataCell, threshold = DEFAULT_SUPPRESSION_THRESHOLD): OpenDataRow {
  const row: OpenDataRow = {};
  let withheld = false;
  for (const column of OPEN_DATA_COLUMNS) {
    if (column.name === 'withheld') continue;
    const hidden = column.base !== undefined && column.base(cell) < threshold;
    withheld ||= hidden;
    row[column.name] = hidden ? null : column.value(cell);
  }
  row.withheld = withheld;
  return row;
}

/** Rows in a stable order: month, centre, service. */
const byKey = (a: OpenDataCell, b: OpenDataCell) =>
  a.month.localeCompare(b.month) || a.centreId.localeCompare(b.centreId) || a.serviceId.localeCompare(b.serviceId);

export function openDataRows(cells: readonly OpenDataCell[], threshold = DEFAULT_SUPPRESSION_THRESHOLD): OpenDataRow[] {
  return [...cells].sort(byKey).map((cell) => openDataRow(cell, threshold));
}

/** The CSV file: a withheld figure is an empty field; numbers with a point, booleans as true/false. */
export function openDataCsv(rows: readonly OpenDataRow[]): string {
  const names = OPEN_DATA_COLUMNS.map((column) => column.name);
  return csvFile(
    names,
    rows.map((row) => names.map((name) => (row[name] === null ? '' : String(row[name])))),
  );
}

export function openDataJson(rows: readonly OpenDataRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export interface OpenDataLicence {
  /** An SPDX identifier, e.g. CC-BY-4.0. */
  name: string;
  path: string;
  title: string;
}

export const DEFAULT_LICENCE: OpenDataLicence = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0 International',
};

const FRICTIONLESS_TYPES: Record<FieldType, string> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
};

/** File names of one month's export. */
export const openDataFiles = (month: string) => ({
  csv: `service-figures-${month}.csv`,
  json: `service-figures-${month}.json`,
  description: `datapackage-${month}.json`,
});

/**
 * The month's machine-readable description (a Frictionless Data "tabular data package"): both files,
 * every column with its type, unit and meaning, the withholding rule and the licence.
 */
export function openDataPackage(options: {
  month: string;
  publisher: string;
  threshold?: number;
  licence?: OpenDataLicence;
  createdAt: Date;
}): Record<string, unknown> {
  const { month, publisher, threshold = DEFAULT_SUPPRESSION_THRESHOLD, licence = DEFAULT_LICENCE } = options;
  const files = openDataFiles(month);
  const schema = {
    fields: OPEN_DATA_COLUMNS.map((column) => ({
      name: column.name,
      type: FRICTIONLESS_TYPES[column.type],
      description: column.description,
      ...(column.unit && { unit: column.unit }),
      ...(column.base && { withheldBelow: threshold }),
    })),
    primaryKey: ['month', 'centre_id', 'service_id'],
    missingValues: [''],
  };
  return {
    profile: 'tabular-data-package',
    name: `public-service-figures-${month}`,
    title: `Public service centres: queue and satisfaction figures per centre and service, ${month}`,
    description:
      `Aggregates per centre × service for ${month}. A figure computed from fewer than ${threshold} ` +
      'visits is left empty (null in JSON) and its row is marked withheld, so that no single visit can be ' +
      'inferred. No personal data is collected anywhere in the system.',
    publisher,
    created: options.createdAt.toISOString(),
    licenses: [licence],
    resources: [
      {
        name: 'service-figures-csv',
        path: files.csv,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8-sig',
        schema,
      },
      {
        name: 'service-figures-json',
        path: files.json,
        profile: 'tabular-data-resource',
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
        schema,
      },
    ],
  };
}
