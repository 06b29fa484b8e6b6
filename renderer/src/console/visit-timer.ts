/** How a visit's time at the desk stands against its service's standard. */
export type TimerLevel = 'within' | 'near' | 'past';

export interface TimerReading {
  elapsedSeconds: number;
  /** Null when the service has no standard: the time is shown without a judgement. */
  level: TimerLevel | null;
}

/**
 * Within the standard until `amberAtShare` of it has passed, near it from there, past it once the
 * standard is used up. The serving start comes from the kiosk's clock and `now` from the tablet's,
 * so a tablet running slightly behind shows zero rather than a negative time.
 */
export function readTimer(
  servingStartedAt: string,
  now: number,
  standardMinutes: number | null,
  amberAtShare: number,
): TimerReading {
  const elapsedSeconds = Math.max(0, Math.floor((now - Date.parse(servingStartedAt)) / 1000));
  if (standardMinutes === null) return { elapsedSeconds, level: null };
  const standardSeconds = standardMinutes * 60;
  const level: TimerLevel =
    elapsedSeconds >= standardSeconds ? 'past' : elapsedSeconds >= standardSeconds * amberAtShare ? 'near' : 'within';
  return { elapsedSeconds, level };
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatElapsed(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}
