import { useEffect, useState } from 'react';
import type { Catalog, KioskApi, KioskInfo } from '../../main/contract';

const RETRY_MS = 5_000;

export type KioskSetup =
  { state: 'loading' } | { state: 'unavailable' } | { state: 'ready'; info: KioskInfo; catalog: Catalog };

/**
 * Loads what the kiosk shows, retrying until it comes: after a power cut the renderer may well be
 * up before the local server is.
 */
export function useKioskSetup(api: KioskApi): KioskSetup {
  const [setup, setSetup] = useState<KioskSetup>({ state: 'loading' });

  useEffect(() => {
    let stopped = false;
    let retry: number | undefined;
    const load = async () => {
      try {
        const [info, catalog] = await Promise.all([api.getKioskInfo({}), api.getCatalog({})]);
        if (!stopped) setSetup({ state: 'ready', info, catalog });
      } catch (error) {
        if (stopped) return;
        console.error('kiosk: could not load its setup; retrying', error);
        setSetup({ state: 'unavailable' });
        retry = window.setTimeout(() => void load(), RETRY_MS);
      }
    };
    void load();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
    };
  }, [api]);

  return setup;
}
