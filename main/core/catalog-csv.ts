import type { z } from 'zod';
import { Catalog, LANGUAGES, WEEKDAYS, type Weekday } from '../contract';
import { csvField, parseCsv } from '../shared/csv';
import { InvalidFileError, type FileProblem } from './validation-report';

/**
 * A catalog from a spreadsheet export (CSV, comma, semicolon or tab separated, UTF-8): one row per
 * service, its provider's and category's columns repeated on each row. The columns are listed in
 * README ("Catalog from a spreadsheet"); every problem is named by row and column.
 */

const perLanguage = (prefix: string) => LANGUAGES.map((lng) => `${prefix}_${lng}`);

export const CSV_COLUMNS = [
  'provider_id',
  'provider_kind',
  'provider_colour',
  ...perLanguage('provider_name'),
  'category_id',
  ...perLanguage('category_name'),
  'service_id',
  'group',
  ...perLanguage('name'),
  ...perLanguage('description'),
  ...perLanguage('keywords'),
  ...perLanguage('documents'),
  'fee_amount',
  'fee_currency',
  'term_value',
  'term_unit',
  'service_minutes',
  'priority_allowed',
  'opening_hours',
  'daily_limit',
  'enabled',
] as const;
const OPTIONAL_COLUMNS = ['provider_logo'] as const;
type Column = (typeof CSV_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const DAY_RANGE = /^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?$/;

/** "mon-fri 09:00-18:00; sat 10:00-14:00" → opening periods, or a message saying what is wrong. */
export function parseOpeningHours(text: string): { days: Weekday[]; from: string; to: string }[] | string {
  const periods = [];
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z,-]+)\s+(\d\d:\d\d)\s*-\s*(\d\d:\d\d)$/.exec(part.toLowerCase());
    if (!match) return `"${part}" is not like "mon-fri 09:00-18:00"`;
    const days: Weekday[] = [];
    for (const range of match[1]!.split(',')) {
      const dayMatch = DAY_RANGE.exec(range);
      if (!dayMatch) return `"${range}" is not a day or a range of days like mon-fri`;
      const from = WEEKDAYS.indexOf(dayMatch[1] as Weekday);
      const to = WEEKDAYS.indexOf((dayMatch[2] ?? dayMatch[1]) as Weekday);
      if (to < from) return `"${range}" runs backwards`;
      days.push(...WEEKDAYS.slice(from, to + 1));
    }
    periods.push({ days, from: match[2]!, to: match[3]! });
  }
  return periods;
}

const list = (text: string) =>
  text
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);

interface Origin {
  row: number;
  label: string;
}

/** Parses a catalog CSV, or throws InvalidFileError listing every problem by row and column. */
export function parseCatalogCsv(file: string, text: string): Catalog {
  const rows = parseCsv(text);
  const problems: FileProblem[] = [];
  const problem = (origin: Origin | null, column: string, message: string) =>
    problems.push({
      file,
      entry: origin ? `row ${origin.row}${origin.label}` : 'row 1 (header)',
      field: column,
      message,
    });

  const header = (rows[0] ?? []).map((cell) => cell.trim());
  const known = new Set<string>([...CSV_COLUMNS, ...OPTIONAL_COLUMNS]);
  for (const column of CSV_COLUMNS) if (!header.includes(column)) problem(null, column, 'column is missing');
  header.forEach((column, index) => {
    if (!known.has(column)) problem(null, column || `column ${index + 1}`, 'unknown column');
  });
  if (problems.length > 0) throw new InvalidFileError(file, problems);
  if (rows.length < 2) throw new InvalidFileError(file, [{ file, entry: '', field: '', message: 'has no services' }]);

  const providers: Record<string, unknown>[] = [];
  const categories: Record<string, unknown>[] = [];
  const services: Record<string, unknown>[] = [];
  const providerOrigins: Origin[] = [];
  const categoryOrigins: Origin[] = [];
  const serviceOrigins: Origin[] = [];
  const firstSeen = new Map<string, { row: number; values: Map<string, string> }>();

  rows.slice(1).forEach((cells, index) => {
    const rowNumber = index + 2;
    const cell = (column: Column) => (cells[header.indexOf(column)] ?? '').trim();
    const serviceId = cell('service_id');
    const origin = { row: rowNumber, label: serviceId ? ` (service "${serviceId}")` : '' };
    const localized = (prefix: string) =>
      Object.fromEntries(LANGUAGES.map((lng) => [lng, cell(`${prefix}_${lng}` as Column)]));
    const number = (column: Column, required: boolean): number | null | undefined => {
      const value = cell(column).replace(',', '.');
      if (value === '') {
        if (required) problem(origin, column, 'is empty');
        return required ? undefined : null;
      }
      const parsed = Number(value);
      if (!Number.isFinite(parsed)) {
        problem(origin, column, `"${cell(column)}" is not a number`);
        return undefined;
      }
      return parsed;
    };
    const yesNo = (column: Column): boolean | undefined => {
      const value = cell(column).toLowerCase();
      if (['yes', 'true', '1'].includes(value)) return true;
      if (['no', 'false', '0'].includes(value)) return false;
      problem(origin, column, `"${cell(column)}" is not yes or no`);
      return undefined;
    };

    // A provider or category is described by the first row naming it; later rows must agree.
    const shared = (kind: 'provider' | 'category', id: string, columns: Column[]): boolean => {
      const key = `${kind}:${id}`;
      const values = new Map(columns.map((column) => [column, cell(column)]));
      const seen = firstSeen.get(key);
      if (!seen) {
        firstSeen.set(key, { row: rowNumber, values });
        return true;
      }
      for (const [column, value] of values) {
        if (value !== seen.values.get(column))
          problem(
            origin,
            column,
            `differs from row ${seen.row} ("${seen.values.get(column) ?? ''}") for ${kind} "${id}"`,
          );
      }
      return false;
    };
    const providerId = cell('provider_id');
    const providerColumns: Column[] = [
      'provider_kind',
      'provider_colour',
      'provider_logo',
      ...(perLanguage('provider_name') as Column[]),
    ];
    if (shared('provider', providerId, providerColumns)) {
      providers.push({
        id: providerId,
        kind: cell('provider_kind'),
        colour: cell('provider_colour'),
        name: localized('provider_name'),
        ...(cell('provider_logo') && { logo: cell('provider_logo') }),
      });
      providerOrigins.push({ row: rowNumber, label: ` (provider "${providerId}")` });
    }
    const categoryId = cell('category_id');
    if (shared('category', categoryId, perLanguage('category_name') as Column[])) {
      categories.push({ id: categoryId, providerId, name: localized('category_name') });
      categoryOrigins.push({ row: rowNumber, label: ` (category "${categoryId}")` });
    }

    const documentLists = LANGUAGES.map((lng) => list(cell(`documents_${lng}`)));
    const documentCount = documentLists[0]!.length;
    LANGUAGES.forEach((lng, i) => {
      if (documentLists[i]!.length !== documentCount)
        problem(
          origin,
          `documents_${lng}`,
          `lists ${documentLists[i]!.length} documents, documents_az lists ${documentCount}`,
        );
    });
    const hours = parseOpeningHours(cell('opening_hours'));
    if (typeof hours === 'string') problem(origin, 'opening_hours', hours);

    services.push({
      id: serviceId,
      providerId,
      categoryId,
      group: cell('group'),
      name: localized('name'),
      description: localized('description'),
      keywords: Object.fromEntries(LANGUAGES.map((lng) => [lng, list(cell(`keywords_${lng}`))])),
      standard: {
        documents: Array.from({ length: documentCount }, (_, d) =>
          Object.fromEntries(LANGUAGES.map((lng, i) => [lng, documentLists[i]![d] ?? ''])),
        ),
        fee: { amount: number('fee_amount', true), currency: cell('fee_currency') },
        term: { value: number('term_value', true), unit: cell('term_unit') },
      },
      serviceMinutes: number('service_minutes', true),
      priorityAllowed: yesNo('priority_allowed'),
      openingHours: typeof hours === 'string' ? [] : hours,
      dailyLimit: number('daily_limit', false),
      enabled: yesNo('enabled'),
    });
    serviceOrigins.push(origin);
  });

  const data = { version: 2, providers, categories, services };
  const result = Catalog.safeParse(data);
  if (!result.success) {
    const origins = { providers: providerOrigins, categories: categoryOrigins, services: serviceOrigins };
    for (const issue of result.error.issues) {
      const [list, index] = issue.path as [keyof typeof origins, number];
      // A value already reported as unreadable (undefined) is not reported again by the schema.
      if (
        problems.some(
          (p) => p.entry.startsWith(`row ${origins[list]?.[index]?.row ?? 0}`) && p.field === columnOf(issue),
        )
      )
        continue;
      problem(origins[list]?.[index] ?? null, columnOf(issue), issue.message);
    }
  }
  if (problems.length > 0) throw new InvalidFileError(file, problems);
  return result.data!;
}

/** The CSV column a schema issue is about, from its path inside a provider, category or service. */
function columnOf(issue: z.core.$ZodIssue): string {
  const [list, , ...rest] = issue.path.map(String);
  const [field, sub] = rest;
  const prefix = list === 'providers' ? 'provider_' : list === 'categories' ? 'category_' : '';
  if (field === undefined) return prefix ? `${prefix}id` : 'service_id';
  if (['name', 'description', 'keywords'].includes(field) && sub) return `${prefix}${field}_${sub}`;
  if (field === 'standard') {
    if (sub === 'documents') return `documents_${rest[3] ?? 'az'}`;
    return `${sub}_${rest[2] ?? ''}`.replace(/_$/, '');
  }
  const columns: Record<string, string> = {
    id: `${prefix || 'service_'}id`,
    kind: 'provider_kind',
    colour: 'provider_colour',
    logo: 'provider_logo',
    providerId: 'provider_id',
    categoryId: 'category_id',
    serviceMinutes: 'service_minutes',
    priorityAllowed: 'priority_allowed',
    openingHours: 'opening_hours',
    dailyLimit: 'daily_limit',
    enabled: 'enabled',
  };
  return columns[field] ?? field;
}

const DAY_NAMES = (days: readonly Weekday[]) => {
  // Consecutive days are written as a range (mon-fri), as people write them.
  const indexes = days.map((day) => WEEKDAYS.indexOf(day)).sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < indexes.length; i++) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j]! + 1) j++;
    ranges.push(i === j ? WEEKDAYS[indexes[i]!]! : `${WEEKDAYS[indexes[i]!]!}-${WEEKDAYS[indexes[j]!]!}`);
    i = j;
  }
  return ranges.join(',');
};

/** parseCsv takes the delimiter from the header line, so a field holding any of these is quoted. */
const CATALOG_DELIMITERS = ',;\t';

/** Writes a catalog as CSV in the layout parseCatalogCsv reads: to start a spreadsheet from. */
export function catalogToCsv(catalog: Catalog): string {
  const providers = new Map(catalog.providers.map((p) => [p.id, p]));
  const categories = new Map(catalog.categories.map((c) => [c.id, c]));
  const lines = [[...CSV_COLUMNS, ...OPTIONAL_COLUMNS].join(',')];
  for (const service of catalog.services) {
    const provider = providers.get(service.providerId)!;
    const category = categories.get(service.categoryId)!;
    const { standard } = service;
    const row: Record<Column, string> = {
      provider_id: provider.id,
      provider_kind: provider.kind,
      provider_colour: provider.colour,
      provider_logo: provider.logo ?? '',
      category_id: category.id,
      service_id: service.id,
      group: service.group,
      fee_amount: String(standard.fee.amount),
      fee_currency: standard.fee.currency,
      term_value: String(standard.term.value),
      term_unit: standard.term.unit,
      service_minutes: String(service.serviceMinutes),
      priority_allowed: service.priorityAllowed ? 'yes' : 'no',
      opening_hours: service.openingHours.map((p) => `${DAY_NAMES(p.days)} ${p.from}-${p.to}`).join('; '),
      daily_limit: service.dailyLimit === null ? '' : String(service.dailyLimit),
      enabled: service.enabled ? 'yes' : 'no',
      ...(Object.fromEntries(
        LANGUAGES.flatMap((lng) => [
          [`provider_name_${lng}`, provider.name[lng]],
          [`category_name_${lng}`, category.name[lng]],
          [`name_${lng}`, service.name[lng]],
          [`description_${lng}`, service.description[lng]],
          [`keywords_${lng}`, service.keywords[lng].join('; ')],
          [`documents_${lng}`, standard.documents.map((d) => d[lng]).join('; ')],
        ]),
      ) as Record<Column, string>),
    };
    lines.push(
      [...CSV_COLUMNS, ...OPTIONAL_COLUMNS].map((column) => csvField(row[column] ?? '', CATALOG_DELIMITERS)).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
