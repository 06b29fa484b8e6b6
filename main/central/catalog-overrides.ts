import { z } from 'zod';
import { OpeningPeriod } from '../contract';

/** What a centre changes in the network's catalog: which services it offers, and its hours. */
export const CentreOverride = z
  .object({
    /** The services this centre offers; the others are sent disabled. Null: all of them. */
    services: z.array(z.string().min(1)).min(1).nullable(),
    /** The centre's opening hours, for every service it offers. Null: each service's own. */
    openingHours: z.array(OpeningPeriod).min(1).nullable(),
  })
  .strict();
export type CentreOverride = z.infer<typeof CentreOverride>;

/**
 * The catalog as one centre's devices get it. Services outside the centre's subset stay in it,
 * disabled, so a ticket or rating naming them still reads; each device checks the result as a
 * technician's import anyway. A catalog not shaped as expected is returned as it is, for the
 * device's check to refuse with its reasons.
 */
export function catalogForCentre(catalog: unknown, override: CentreOverride | null): unknown {
  if (!override || typeof catalog !== 'object' || catalog === null) return catalog;
  const { services } = catalog as { services?: unknown };
  if (!Array.isArray(services)) return catalog;
  const offered = override.services ? new Set(override.services) : null;
  return {
    ...catalog,
    services: services.map((service: unknown) => {
      if (typeof service !== 'object' || service === null) return service;
      const { id } = service as { id?: unknown };
      return {
        ...service,
        ...(offered && typeof id === 'string' && !offered.has(id) && { enabled: false }),
        ...(override.openingHours && { openingHours: override.openingHours }),
      };
    }),
  };
}

/** The version a centre's devices see: the release's, and the override's revision when there is one. */
export const centreCatalogVersion = (release: string, centreId: string, revision: number | null) =>
  revision === null ? release : `${release}+${centreId}.${revision}`;
