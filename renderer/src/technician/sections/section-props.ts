import type { EffectiveSettings, SaveOutcome } from '../settings-types';

/** What a settings section gets from the panel: the configuration in effect and how to save a change. */
export interface SettingsSectionProps {
  effective: EffectiveSettings;
  save(patch: Record<string, unknown>): Promise<SaveOutcome>;
}
