import type { Catalog, Service } from '../contract';
import type { KioskConfig } from './config';
import type { TicketPrinter } from './ports';

/**
 * The configuration, catalog and printer in effect. Technician mode can replace each while the
 * kiosk runs, so modules read them here at each call and never keep a copy.
 */
export interface Settings {
  config(): KioskConfig;
  catalog(): Catalog;
  printer(): TicketPrinter;
  /** The catalog's services enabled on this kiosk, by id: a disabled service is unknown to it. */
  services(): ReadonlyMap<string, Service>;
}

/** What technician mode can replace while the kiosk runs. */
export interface SettingsInEffect {
  config: KioskConfig;
  catalog: Catalog;
  printer: TicketPrinter;
}

/** The one holder of the settings in effect; only the composition root replaces them. */
export class LiveSettings implements Settings {
  private current: SettingsInEffect;
  private enabled: ReadonlyMap<string, Service>;

  constructor(initial: SettingsInEffect) {
    this.current = { ...initial };
    this.enabled = enabledServices(initial.catalog);
  }

  config(): KioskConfig {
    return this.current.config;
  }

  catalog(): Catalog {
    return this.current.catalog;
  }

  printer(): TicketPrinter {
    return this.current.printer;
  }

  services(): ReadonlyMap<string, Service> {
    return this.enabled;
  }

  replace(change: Partial<SettingsInEffect>): void {
    this.current = { ...this.current, ...change };
    if (change.catalog) this.enabled = enabledServices(change.catalog);
  }
}

function enabledServices(catalog: Catalog): ReadonlyMap<string, Service> {
  return new Map(catalog.services.filter((service) => service.enabled).map((service) => [service.id, service]));
}
