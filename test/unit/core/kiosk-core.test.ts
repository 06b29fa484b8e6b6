import { describe, expect, it } from 'vitest';
import { KIOSK_CALL_NAMES } from '../../../main/contract';
import { KioskConfig } from '../../../main/core/config';
import { loadCatalogFile } from '../../../main/boot/read-files';
import { createKioskCore } from '../../../main/core/kiosk-core';
import { SqliteStore } from '../../../main/store/sqlite-store';
import { alwaysOpen, ManualClock, RecordingPrinterStandIn, SAMPLE_CATALOG } from '../../support/kiosk-fixture';

describe('the kiosk core composed from its modules', () => {
  it('serves every call of the contract and nothing else, each a function', () => {
    const store = new SqliteStore(':memory:');
    const core = createKioskCore({
      config: KioskConfig.parse({ centreName: 'Test centre' }),
      catalog: alwaysOpen(loadCatalogFile(SAMPLE_CATALOG)),
      store,
      printer: new RecordingPrinterStandIn(),
      clock: new ManualClock(new Date('2026-11-20T08:00:00Z')),
    });
    expect(Object.keys(core.handlers).sort()).toEqual([...KIOSK_CALL_NAMES].sort());
    for (const name of KIOSK_CALL_NAMES) expect(typeof core.handlers[name], name).toBe('function');
    store.close();
  });
});
