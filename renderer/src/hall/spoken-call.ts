import { LANGUAGES, type Language } from '../../../main/contract';

const isLanguage = (code: string): code is Language => (LANGUAGES as readonly string[]).includes(code);

/**
 * A number as a synthesiser should say it: "A-007" read as "A minus zero zero seven" helps nobody,
 * so the dash becomes a pause and the padding zeros go ("A 7").
 */
export function spokenNumber(number: string): string {
  const match = /^([A-Za-z]+)-0*(\d+)$/.exec(number);
  return match ? `${match[1]} ${match[2]}` : number.replace(/-/g, ' ');
}

/** The languages the hall speaks in: `?speak=az,ru` when given (unknown codes dropped), else the kiosk's. */
export function spokenLanguages(search: string, kioskLanguages: readonly Language[]): Language[] {
  const requested = new URLSearchParams(search).get('speak');
  if (requested === null) return [...kioskLanguages];
  return [...new Set(requested.split(',').map((code) => code.trim()))].filter(isLanguage);
}

/**
 * `speak` interrupts what is still being said and resolves once speech starts, so the next
 * language waits for roughly as long as this sentence takes to say.
 */
export function speakingMillis(sentence: string): number {
  return 800 + sentence.length * 75;
}
