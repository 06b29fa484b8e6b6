import i18next from 'i18next';
import type { Language } from '../../main/contract';

/**
 * Numbers as each language writes them, from our own locale files rather than the browser's Intl:
 * the kiosk's Chromium may ship reduced ICU data, and then writes "1,234.5" in az, kk, ky and uz
 * where they write "1.234,5" or "1 234,5". All six languages group digits by threes from 1,000 on.
 */

/** What the locale files say: how the language writes 1234.5, and where the % goes. */
export interface NumberTexts {
  /** One thousand two hundred thirty-four and a half, e.g. "1.234,5" (az) or "1 234,5" (kk). */
  example: string;
  /** A written number in the language's percent pattern: "45%", or "45 %" in Russian. */
  percent: (value: string) => string;
}

export interface DecimalDigits {
  /** Fraction digits always shown ("12,0"). */
  min: number;
  /** Fraction digits at most; the value is rounded to them. */
  max: number;
}

export interface NumberFormat {
  /** A whole number, grouped: "1 234". */
  integer(value: number): string;
  decimal(value: number, digits: DecimalDigits): string;
  /** A share (0.45) as a whole percent: "45%". */
  percent(share: number): string;
}

const EXAMPLE = /^1(\D?)234(\D)5$/u;

/** Reads the separators off the example; a malformed locale text is a translator's slip, named here. */
export function numberFormatFrom(texts: NumberTexts, language: string): NumberFormat {
  const match = EXAMPLE.exec(texts.example);
  if (!match) {
    throw new Error(`numberFormat.example in ${language} must write 1234.5, like "1 234,5"; got "${texts.example}"`);
  }
  const group = match[1] ?? '';
  const decimalMark = match[2]!;
  const decimal = (value: number, digits: DecimalDigits) => writeNumber(value, digits, group, decimalMark);
  return {
    integer: (value) => decimal(value, { min: 0, max: 0 }),
    decimal,
    percent: (share) => texts.percent(decimal(share * 100, { min: 0, max: 0 })),
  };
}

function writeNumber(value: number, digits: DecimalDigits, group: string, decimalMark: string): string {
  if (!Number.isFinite(value)) return '—';
  const [whole, fraction] = roundHalfUp(Math.abs(value), digits.max);
  let shown = fraction;
  while (shown.length > digits.min && shown.endsWith('0')) shown = shown.slice(0, -1);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
  // A value that rounds to zero is written without a sign: "-0" would only puzzle a reader.
  const negative = value < 0 && /[1-9]/.test(whole + fraction);
  return `${negative ? '-' : ''}${grouped}${shown === '' ? '' : decimalMark + shown}`;
}

/**
 * The whole and fraction digits of a non-negative number rounded to `fractionDigits`, half away from
 * zero on the number as it is written (19.15 → 19.2), as Intl rounds; toFixed rounds the binary
 * value instead, which is a hair under 19.15 and would give 19.1.
 */
function roundHalfUp(value: number, fractionDigits: number): [string, string] {
  const written = String(value);
  // Beyond what a kiosk shows (below a millionth, or 10^21 and up): toFixed is as good as any.
  if (written.includes('e')) return splitFixed(value.toFixed(fractionDigits));
  const [whole = '0', fraction = ''] = written.split('.');
  if (fraction.length <= fractionDigits) return [whole, fraction.padEnd(fractionDigits, '0')];
  const kept = (whole + fraction.slice(0, fractionDigits)).split('').map(Number);
  if (Number(fraction[fractionDigits]) >= 5) {
    let at = kept.length - 1;
    while (at >= 0 && kept[at] === 9) kept[at--] = 0;
    if (at >= 0) kept[at]! += 1;
    else kept.unshift(1);
  }
  const digits = kept.join('');
  return [digits.slice(0, digits.length - fractionDigits), digits.slice(digits.length - fractionDigits)];
}

function splitFixed(fixed: string): [string, string] {
  const [whole = '0', fraction = ''] = fixed.split('.');
  return [whole, fraction];
}

const formats = new Map<string, NumberFormat>();

/** The language's number format, from the kiosk namespace's numberFormat section (English if it lacks one). */
export function numberFormat(language: Language | string): NumberFormat {
  let format = formats.get(language);
  if (!format) {
    const t = i18next.getFixedT(language, 'kiosk');
    format = numberFormatFrom(
      { example: t('numberFormat.example'), percent: (value) => t('numberFormat.percent', { value }) },
      language,
    );
    formats.set(language, format);
  }
  return format;
}
