import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../../main/boot/read-files';
import { catalogForCentre, centreCatalogVersion } from '../../../main/central/catalog-overrides';
import { checkCatalogImport } from '../../../main/core/technician/catalog-import';
import type { Catalog } from '../../../main/contract';
import { SAMPLE_CATALOG } from '../../support/kiosk-fixture';

const network = loadCatalogFile(SAMPLE_CATALOG);
const busHours: Catalog['services'][number]['openingHours'] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '10:00', to: '16:00' },
];

describe("a centre's override of the network catalog", () => {
  it('offers only its services (the others disabled, never removed) and its own hours, and the kiosk takes it', () => {
    const centre = catalogForCentre(network, {
      services: ['passport', 'identity-card'],
      openingHours: busHours,
    }) as Catalog;
    expect(centre.services).toHaveLength(network.services.length);
    const enabled = centre.services.filter((service) => service.enabled !== false).map((service) => service.id);
    expect(enabled.sort()).toEqual(['identity-card', 'passport']);
    expect(centre.services.every((service) => JSON.stringify(service.openingHours) === JSON.stringify(busHours))).toBe(
      true,
    );
    // The same check a kiosk makes before it applies a catalog.
    expect(checkCatalogImport(JSON.stringify(centre), 'json').preview.problems).toEqual([]);
  });

  it('leaves the catalog as released without an override, and each part alone', () => {
    expect(catalogForCentre(network, null)).toBe(network);
    const hoursOnly = catalogForCentre(network, { services: null, openingHours: busHours }) as Catalog;
    expect(hoursOnly.services.filter((service) => service.enabled === false)).toHaveLength(
      network.services.filter((service) => service.enabled === false).length,
    );
  });

  it('names a version per centre and revision, so a changed override is a new ETag', () => {
    expect(centreCatalogVersion('2026-12', 'baku-1', null)).toBe('2026-12');
    expect(centreCatalogVersion('2026-12', 'baku-1', 3)).toBe('2026-12+baku-1.3');
  });
});
