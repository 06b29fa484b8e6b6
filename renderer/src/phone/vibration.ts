/** Three long pulses: felt in a pocket or a bag, unlike a message's one. */
export const CALL_VIBRATION = [400, 200, 400, 200, 400] as const;

/** What vibrating needs of the browser's navigator (absent in some browsers). */
export interface Vibrator {
  vibrate?: (pattern: number[]) => boolean;
}

/**
 * Vibrates where the phone can: some browsers have no navigator.vibrate, and one that has it may
 * refuse (before the visitor's first tap on the page) or throw. Says whether it was asked.
 */
export function vibrate(target: Vibrator | undefined, pattern: readonly number[]): boolean {
  if (typeof target?.vibrate !== 'function') return false;
  try {
    return target.vibrate([...pattern]);
  } catch (error) {
    console.warn('phone: vibration refused', error);
    return false;
  }
}
