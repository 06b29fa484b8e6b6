import { useEffect, useState } from 'react';
import type { Catalog, KioskApi, KioskInfo } from '../../../main/contract';

const RETRY_MS = 10_000;

export interface PhoneSetup {
  /** The hall's languages and rating settings (faces, reasons); null until the server answers. */
  info: KioskInfo | null;
  /** Where the ticket's service is named in each language; null until the server answers. */
  catalog: Catalog | null;
}

/** The hall's setup, both open calls on the hall server, asked for until they come. */
export function usePhoneSetup(api: KioskApi): PhoneSetup {
  const [setup, setSetup] = useState<PhoneSetup>({ info: null, catalog: null });
  useEffect(() => {
    let stopped = false;
    let retry: number | undefined;
    const load = async () => {
      try {
        const [info, catalog] = await Promise.all([api.getKioskInfo({}), api.getCatalog({})]);
        if (!stopped) setSetup({ info, catalog });
      } catch (error) {
        if (stopped) return;
        console.error('phone: could not load the hall setup; retrying', error);
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
