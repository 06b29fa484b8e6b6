import { useEffect, useState } from 'react';
import type { Catalog, KioskApi, KioskInfo } from '../../main/contract';

const RETRY_MS = 5_000;

export type KioskSetup =
  | { state: 'loading' }
  | { state: 'unavailable' }
  /** `generation` counts the loads: screens keyed by it start afresh with a technician's new settings. */
  | { state: 'ready'; info: KioskInfo; catalog: Catalog; generation: number };

/**
 * Loads what the kiosk shows, retrying until it comes: after a power cut the renderer may well be
 * up before the local server is.
 */
export function useKioskSetup(api: KioskApi): KioskSetup {
  const [setup, setSetup] = useState<KioskSetup>({ state: 'loading' });

  useEffect(() => {
    let stopped = false;
    let retry: number | undefined;
    let generation = 0;
    const load = async () => {
      try {
        const [info, catalog] = await Promise.all([api.getKioskInfo({}), api.getCatalog({})]);
        if (!stopped) setSetup({ state: 'ready', info, catalog, generation: ++generation });
      } catch (error) {
        if (stopped) return;
        console.error('kiosk: could not load its setup; retrying', error);
        setSetup({ state: 'unavailable' });
        retry = window.setTimeout(() => void load(), RETRY_MS);
      }
    };
    void load();
    // A technician's change applies without a restart: load the setup again, as at start.
    const stopListening = api.on('settingsChanged', () => {
      window.clearTimeout(retry);
      void load();
    });
    return () => {
      stopped = true;
      stopListening();
      window.clearTimeout(retry);
    };
  }, [api]);

  return setup;
}
