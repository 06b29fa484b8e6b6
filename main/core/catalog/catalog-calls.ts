import type { KioskHandlers } from '../handlers';
import type { Settings } from '../settings';

export const CATALOG_CALL_NAMES = ['getKioskInfo', 'getCatalog'] as const;

/** What a kiosk screen loads at start and after a technician's change: the device's setup and its catalog. */
export function catalogCalls(settings: Settings): Pick<KioskHandlers, (typeof CATALOG_CALL_NAMES)[number]> {
  return {
    getKioskInfo: async () => {
      const config = settings.config();
      return {
        centreName: config.centreName,
        languages: config.languages,
        defaultLanguage: config.defaultLanguage,
        resultScreenSeconds: config.resultScreenSeconds,
        kioskId: config.kioskId,
        timeZone: config.timeZone,
        priorityCategories: config.priority.categories,
        role: config.role,
        ratingDeskIds: config.ratingDeskIds,
        // A kiosk of a hall learns it from its server (main/boot/hall-start.ts answers for it there).
        phoneUrl: config.role === 'hall-server' ? config.hall.phoneUrl : null,
        rating: config.rating,
        idle: config.idle,
        accessibilityDefaults: config.accessibilityDefaults,
      };
    },
    getCatalog: async () => settings.catalog(),
  };
}
