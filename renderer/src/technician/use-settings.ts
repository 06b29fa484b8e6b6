import { useCallback, useEffect, useState } from 'react';
import type { EffectiveSettings, SaveOutcome } from './settings-types';
import { refusalProblems, sessionEnded, useTechnician } from './technician-context';

export interface SettingsState {
  effective: EffectiveSettings | null;
  printerProfiles: string[];
  /** Sends a partial change; the settings are read again after an applied one. */
  save(patch: Record<string, unknown>): Promise<SaveOutcome>;
  /** What the last save did; kept here, as the section's form starts afresh from the settings read after it. */
  lastOutcome: SaveOutcome | null;
  forgetOutcome(): void;
}

/** The configuration in effect, and saving a section's change of it. */
export function useSettings(): SettingsState {
  const { api, token, close } = useTechnician();
  const [loaded, setLoaded] = useState<{ effective: EffectiveSettings; printerProfiles: string[] } | null>(null);
  const [reads, setReads] = useState(0);
  const [lastOutcome, setLastOutcome] = useState<SaveOutcome | null>(null);
  useEffect(() => {
    let current = true;
    api.getSettings({ token }).then(
      (answer) => {
        if (current) {
          setLoaded({
            effective: answer.effective as unknown as EffectiveSettings,
            printerProfiles: answer.printerProfiles,
          });
        }
      },
      (error: unknown) => current && sessionEnded(error) && close(),
    );
    return () => {
      current = false;
    };
  }, [api, token, close, reads]);
  const save = useCallback(
    async (patch: Record<string, unknown>): Promise<SaveOutcome> => {
      let outcome: SaveOutcome;
      try {
        const applied = await api.updateSettings({ token, patch });
        outcome = { kind: 'applied', ...applied };
        setReads((count) => count + 1);
      } catch (error) {
        if (sessionEnded(error)) close();
        outcome = { kind: 'refused', problems: refusalProblems(error) };
      }
      setLastOutcome(outcome);
      return outcome;
    },
    [api, token, close],
  );
  const forgetOutcome = useCallback(() => setLastOutcome(null), []);
  return {
    effective: loaded?.effective ?? null,
    printerProfiles: loaded?.printerProfiles ?? [],
    save,
    lastOutcome,
    forgetOutcome,
  };
}
