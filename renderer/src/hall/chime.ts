/**
 * A short two-tone chime, synthesised (no audio files to ship or load): a high note, then a lower
 * one, each with a soft attack and decay so it calls attention without startling.
 */
const NOTES = [
  { frequency: 880, startS: 0, lengthS: 0.45 },
  { frequency: 659.25, startS: 0.38, lengthS: 0.7 },
] as const;

/** How long the chime lasts, so speech can wait for it. */
export const CHIME_SECONDS = 1.1;

export function playChime(context: AudioContext): void {
  const now = context.currentTime;
  for (const note of NOTES) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = note.frequency;
    const start = now + note.startS;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.35, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + note.lengthS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + note.lengthS + 0.05);
  }
}
