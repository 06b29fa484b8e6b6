import { z } from 'zod';
import { LocalizedText } from './languages';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes');

export const Provider = z.object({
  id: Id,
  name: LocalizedText,
});
export type Provider = z.infer<typeof Provider>;

export const Service = z.object({
  id: Id,
  providerId: Id,
  /** Ticket group: its letter prefixes every ticket number of the group. */
  group: z.string().regex(/^[A-Z]$/, 'must be one capital Latin letter'),
  name: LocalizedText,
});
export type Service = z.infer<typeof Service>;

export const Catalog = z
  .object({
    version: z.literal(1),
    /** Free text for people reading the file, e.g. that it is sample data. */
    note: z.string().optional(),
    providers: z.array(Provider).min(1, 'at least one provider is needed'),
    services: z.array(Service).min(1, 'at least one service is needed'),
  })
  // Cross-references are checked even when some entries have other problems, so a technician
  // sees every problem of the file at once; entries malformed beyond reading are skipped here.
  .superRefine(
    (catalog, ctx) => {
      const idOf = (entry: unknown): string | undefined =>
        entry !== null && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string'
          ? (entry as { id: string }).id
          : undefined;
      const providerIds = new Set<string>();
      catalog.providers.forEach((provider, index) => {
        const id = idOf(provider);
        if (id === undefined) return;
        if (providerIds.has(id))
          ctx.addIssue({ code: 'custom', path: ['providers', index, 'id'], message: `duplicate id "${id}"` });
        providerIds.add(id);
      });
      const serviceIds = new Set<string>();
      catalog.services.forEach((service, index) => {
        const id = idOf(service);
        if (id !== undefined && serviceIds.has(id)) {
          ctx.addIssue({ code: 'custom', path: ['services', index, 'id'], message: `duplicate id "${id}"` });
        }
        if (id !== undefined) serviceIds.add(id);
        const providerId = (service as { providerId?: unknown } | null)?.providerId;
        if (typeof providerId === 'string' && !providerIds.has(providerId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', index, 'providerId'],
            message: `no provider has id "${providerId}"`,
          });
        }
      });
    },
    {
      when: ({ value }) => {
        const catalog = value as { providers?: unknown; services?: unknown } | null;
        return Array.isArray(catalog?.providers) && Array.isArray(catalog?.services);
      },
    },
  );
export type Catalog = z.infer<typeof Catalog>;
