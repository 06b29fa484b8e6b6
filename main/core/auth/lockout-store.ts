/** Where the wrong-PIN counts and lockouts of every PIN gate are kept (main/store/sqlite-lockouts.ts on a kiosk). */
export interface LockoutState {
  /** Wrong PINs since the last right one or the last lockout. */
  wrongPins: number;
  /** Lockouts in a row: each lasts longer than the last. */
  lockouts: number;
  /** Epoch milliseconds; 0 when never locked. */
  lockedUntil: number;
  /** Epoch milliseconds of the last wrong PIN. */
  lastWrongAt: number;
}

/**
 * A port of the core: keys name the gate (`technician`, `desk:3`) or the API's limits
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
