import type { Catalog } from '../../contract';
import type { KioskConfig } from '../config';
import type { TicketPrinter } from '../ports';

/** What technician mode can replace while the kiosk runs. */
export interface LiveParts {
  config: KioskConfig;
  catalog: Catalog;
  printer: TicketPrinter;
}

/**
 * Holds the configuration, catalog and printer in effect. `view` gives an object whose `config`,
 * `catalog` and `printer` always read the current ones, so code written as `this.parts.config`
 * sees a technician's change at its next call without being told.
 */
export class LiveSettings {
  private current: LiveParts;

  constructor(initial: LiveParts) {
    this.current = { ...initial };
  }

  get config(): KioskConfig {
    return this.current.config;
  }

  get catalog(): Catalog {
    return this.current.catalog;
  }

  get printer(): TicketPrinter {
    return this.current.printer;
  }

  replace(change: Partial<LiveParts>): void {
    this.current = { ...this.current, ...change };
  }

  /** The given parts with config, catalog and printer read live from this holder. */
  view<T extends LiveParts>(parts: T): T {
    const view = { ...parts };
    for (const key of ['config', 'catalog', 'printer'] as const) {
      Object.defineProperty(view, key, { get: () => this.current[key], enumerable: true });
    }
    return view;
  }
}
