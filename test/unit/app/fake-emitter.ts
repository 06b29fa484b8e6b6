import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

/**
 * Stands in for the `on`/`once` half of an Electron object: records listeners so a test can fire
 * an event the way Electron would and see what the code under test did.
 */
export function fakeEmitter() {
  const listeners = new Map<string, Listener[]>();
  const add = (name: string, listener: Listener) => {
    listeners.set(name, [...(listeners.get(name) ?? []), listener]);
  };
  return {
    on: vi.fn(add),
    once: vi.fn(add),
    emit(name: string, ...args: unknown[]): void {
      for (const listener of listeners.get(name) ?? []) (listener as (...args: unknown[]) => unknown)(...args);
    },
    listenerCount: (name: string) => listeners.get(name)?.length ?? 0,
  };
}

/** An Electron event object: only preventDefault matters to the kiosk. */
export function fakeEvent<T extends object>(fields: T = {} as T) {
  return { ...fields, preventDefault: vi.fn() };
}
