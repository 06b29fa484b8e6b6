import type { LockoutState } from '../../shared/lockout';

export type { LockoutState } from '../../shared/lockout';

/**
 * Where the wrong-PIN counts and lockouts of every PIN gate are kept (main/store/sqlite-lockouts.ts
 * on a kiosk). A port of the core: keys name the gate (`technician`, `desk:3`) or the API's limits
 * (`address:192.168.1.20`, `all-addresses`). Writing null forgets the key.
 */
export interface LockoutStore {
  read(key: string): LockoutState | undefined;
  write(key: string, state: LockoutState | null): void;
}

/** Lockouts kept in memory only: for tests of other parts, and where no database is composed. */
export function memoryLockouts(): LockoutStore {
  const states = new Map<string, LockoutState>();
  return {
    read: (key) => states.get(key),
    write: (key, state) => {
      if (state === null) states.delete(key);
      else states.set(key, { ...state });
    },
  };
}
