import { useEffect, useRef } from 'react';

/**
 * A keyboard-wedge scanner types a code as key events a few milliseconds apart, then Enter. A
 * person types far slower, so characters that come further apart than this start a new code.
 */
const MAX_SCAN_GAP_MS = 40;
/** Shorter bursts are stray keys, not a ticket's code (the shortest, A-1, has three characters). */
const MIN_SCAN_LENGTH = 3;

/** Calls `onScan` with each code a wedge scanner types while `active`; human typing is ignored. */
export function useWedgeScanner(active: boolean, onScan: (code: string) => void): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });

  useEffect(() => {
    if (!active) return;
    let buffer = '';
    let lastKeyAt = -Infinity;
    const onKeyDown = (event: KeyboardEvent) => {
      const now = event.timeStamp;
      const gap = now - lastKeyAt;
      lastKeyAt = now;
      if (event.key === 'Enter') {
        const code = buffer;
        buffer = '';
        if (gap <= MAX_SCAN_GAP_MS && code.length >= MIN_SCAN_LENGTH) latest.current(code);
        return;
      }
      if (event.key.length !== 1) return;
      buffer = gap <= MAX_SCAN_GAP_MS ? buffer + event.key : event.key;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active]);
}
