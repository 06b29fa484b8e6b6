import type { Language, RatingReason } from '../../../main/contract';

/**
 * The part of the configuration in effect (getSettings().effective) that the technician screens
 * edit. The main process checks every change against the whole configuration schema.
 */
export interface EffectiveSettings {
  centreName: string;
  kioskId: string;
  timeZone: string;
  role: 'hall-kiosk' | 'rating-terminal' | 'bus' | 'hall-server';
  ratingDeskIds: string[];
  languages: Language[];
  defaultLanguage: Language;
  resultScreenSeconds: number;
  idle: { seconds: number; warningSeconds: number };
  accessibilityDefaults: { largeText: boolean; highContrast: boolean; lowReach: boolean; audioGuidance: boolean };
  rating: { faces: 4 | 5; reasons: RatingReason[]; changeSeconds: number; windowMinutes: number };
  desks: { id: string; serviceIds: string[]; pinHash: string | null }[];
  printer: {
    port: string | null;
    baudRate: number;
    dataBits: 5 | 6 | 7 | 8;
    parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
    stopBits: 1 | 1.5 | 2;
    flowControl: 'none' | 'rtscts' | 'xonxoff';
    profile: string;
  };
  technician: { sessionIdleSeconds: number };
}

/** What a save did, as the technician is told: applied now, waiting for a restart, or refused with each field's problem. */
export type SaveOutcome =
  { kind: 'applied'; changed: string[]; restartRequired: string[] } | { kind: 'refused'; problems: string[] };
