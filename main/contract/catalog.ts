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
    providers: z.array(Provider).min(1, 'at least one provider is needed'),
    services: z.array(Service).min(1, 'at least one service is needed'),
  })
  .superRefine((catalog, ctx) => {
    const providerIds = new Set<string>();
    catalog.providers.forEach((provider, index) => {
      if (providerIds.has(provider.id)) {
        ctx.addIssue({ code: 'custom', path: ['providers', index, 'id'], message: `duplicate id "${provider.id}"` });
      }
      providerIds.add(provider.id);
    });
    const serviceIds = new Set<string>();
    catalog.services.forEach((service, index) => {
      if (serviceIds.has(service.id)) {
        ctx.addIssue({ code: 'custom', path: ['services', index, 'id'], message: `duplicate id "${service.id}"` });
      }
      serviceIds.add(service.id);
      if (!providerIds.has(service.providerId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'providerId'],
          message: `no provider has id "${service.providerId}"`,
        });
      }
    });
  });
export type Catalog = z.infer<typeof Catalog>;
