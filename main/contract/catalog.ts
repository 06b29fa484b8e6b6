import { z } from 'zod';
import { LANGUAGES, LocalizedText, type Language } from './languages';

/**
 * The service catalog, version 2: providers → categories → services, each service with its
 * standard (documents, fee, term), service-time standard, ticket group, opening hours and limits.
 * catalog/catalog.schema.json is generated from this file (scripts/json-schemas.ts).
 */

export const CATALOG_VERSION = 2;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes');

/** Keywords and synonyms visitors may type, in every language; a language may have none. */
export const LocalizedKeywords = z.object(
  Object.fromEntries(LANGUAGES.map((lng) => [lng, z.array(z.string().trim().min(1, 'a keyword is empty'))])) as Record<
    Language,
    z.ZodArray<z.ZodString>
  >,
);
export type LocalizedKeywords = z.infer<typeof LocalizedKeywords>;

export const ProviderKind = z.enum(['ministry', 'agency', 'private']);
export type ProviderKind = z.infer<typeof ProviderKind>;

export const Provider = z.object({
  id: Id,
  kind: ProviderKind,
  name: LocalizedText,
  /** The provider's colour as #rrggbb: a stripe beside its name, never the only way to tell it apart. */
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0a4a7a'),
  /** A small image inlined as a data: URL, so a catalog file is complete on its own. */
  logo: z
    .string()
    .regex(
      /^data:image\/(png|svg\+xml|webp);base64,[A-Za-z0-9+/=]+$/,
      'must be a base64 data:image/png, svg+xml or webp URL',
    )
    .optional(),
});
export type Provider = z.infer<typeof Provider>;

export const Category = z.object({
  id: Id,
  providerId: Id,
  name: LocalizedText,
});
export type Category = z.infer<typeof Category>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00');
/** An end time may be 24:00, so a period can run to midnight. */
const EndTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time like 18:00, or 24:00');

/** One opening period on some days, e.g. Monday to Friday 09:00–18:00, in the centre's time zone. */
export const OpeningPeriod = z
  .object({
    days: z.array(Weekday).min(1, 'name at least one day'),
    from: Time,
    to: EndTime,
  })
  .refine((period) => period.from < period.to, { path: ['to'], message: 'must be later than "from"' });
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;

export const TermUnit = z.enum(['minutes', 'hours', 'days', 'workdays']);
export type TermUnit = z.infer<typeof TermUnit>;

export const Standard = z.object({
  /** Documents the visitor brings, in the order they are usually asked for. */
  documents: z.array(LocalizedText),
  /** The state fee or price; 0 means free. */
  fee: z.object({
    amount: z.number().nonnegative('must not be negative'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like AZN'),
  }),
  /** How long until the result is ready. */
  term: z.object({ value: z.number().int().positive('must be at least 1'), unit: TermUnit }),
});
export type Standard = z.infer<typeof Standard>;

export const Service = z.object({
  id: Id,
  providerId: Id,
  categoryId: Id,
  /** Ticket group: its letter prefixes every ticket number of the group. */
  group: z.string().regex(/^[A-Z]$/, 'must be one capital Latin letter'),
  name: LocalizedText,
  description: LocalizedText,
  keywords: LocalizedKeywords,
  standard: Standard,
  /** Planned minutes at the desk for one visitor (ASAN plans 3–5). */
  serviceMinutes: z.number().int().min(1, 'must be at least 1').max(240, 'must be at most 240'),
  /** Whether elderly, disabled and pregnant visitors may take a priority ticket. */
  priorityAllowed: z.boolean(),
  openingHours: z.array(OpeningPeriod).min(1, 'give at least one opening period'),
  /** Tickets a day for this service on this kiosk; null means no limit. */
  dailyLimit: z.number().int().positive('must be at least 1, or null for no limit').nullable(),
  /** A disabled service is not shown and no ticket is issued for it. */
  enabled: z.boolean(),
});
export type Service = z.infer<typeof Service>;

const idOf = (entry: unknown): string | undefined =>
  entry !== null && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string'
    ? (entry as { id: string }).id
    : undefined;
const fieldOf = (entry: unknown, field: string): unknown =>
  entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)[field] : undefined;

export const Catalog = z
  .object({
    /** Lets an editor find catalog.schema.json for completion and checks. */
    $schema: z.string().optional(),
    version: z.literal(CATALOG_VERSION, { message: `must be ${CATALOG_VERSION}` }),
    /** Free text for people reading the file, e.g. that it is sample data. */
    note: z.string().optional(),
    providers: z.array(Provider).min(1, 'at least one provider is needed'),
    categories: z.array(Category).min(1, 'at least one category is needed'),
    services: z.array(Service).min(1, 'at least one service is needed'),
  })
  // Cross-references are checked even when some entries have other problems, so a technician
  // sees every problem of the file at once; entries malformed beyond reading are skipped here.
  .superRefine(
    (catalog, ctx) => {
      const uniqueIds = (list: string, entries: readonly unknown[]): Set<string> => {
        const ids = new Set<string>();
        entries.forEach((entry, index) => {
          const id = idOf(entry);
          if (id === undefined) return;
          if (ids.has(id)) ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: `duplicate id "${id}"` });
          ids.add(id);
        });
        return ids;
      };
      const providerIds = uniqueIds('providers', catalog.providers);
      uniqueIds('categories', catalog.categories);
      uniqueIds('services', catalog.services);
      const categoryProvider = new Map<string, unknown>();
      catalog.categories.forEach((category, index) => {
        const providerId = fieldOf(category, 'providerId');
        const id = idOf(category);
        if (id !== undefined) categoryProvider.set(id, providerId);
        if (typeof providerId === 'string' && !providerIds.has(providerId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', index, 'providerId'],
            message: `no provider has id "${providerId}"`,
          });
        }
      });
      catalog.services.forEach((service, index) => {
        const providerId = fieldOf(service, 'providerId');
        const categoryId = fieldOf(service, 'categoryId');
        if (typeof providerId === 'string' && !providerIds.has(providerId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'providerId'],
            message: `no provider has id "${providerId}"`,
          });
        }
        if (typeof categoryId !== 'string') return;
        if (!categoryProvider.has(categoryId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'categoryId'],
            message: `no category has id "${categoryId}"`,
          });
        } else if (categoryProvider.get(categoryId) !== providerId) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'categoryId'],
            message: `category "${categoryId}" belongs to provider "${String(categoryProvider.get(categoryId))}"`,
          });
        }
      });
    },
    {
      when: ({ value }) => {
        const catalog = value as { providers?: unknown; categories?: unknown; services?: unknown } | null;
        return (
          Array.isArray(catalog?.providers) && Array.isArray(catalog?.categories) && Array.isArray(catalog?.services)
        );
      },
    },
  );
export type Catalog = z.infer<typeof Catalog>;
