import type { CoreLog } from './ports';

/**
 * The log with every line's failure swallowed: a ticket stored and printed is never reported as
 * failed because its log line could not be written (a full disk is exactly when that happens).
 */
export function guardedLog(log: CoreLog): CoreLog {
  const guard =
    (write: CoreLog['warn']): CoreLog['warn'] =>
    (event, detail, message) => {
      try {
        write(event, detail, message);
      } catch {
        // Nowhere left to say it: the log itself is what failed.
      }
    };
  return { warn: guard(log.warn.bind(log)), error: guard(log.error.bind(log)) };
}
