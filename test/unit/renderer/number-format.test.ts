import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../main/contract';
import { formatMoney } from '../../../renderer/src/format';
import { numberFormat, numberFormatFrom, type NumberFormat } from '../../../renderer/src/number-format';

const localesDir = join(import.meta.dirname, '../../../locales');

interface KioskNumberTexts {
  numberFormat: { example: string; percent: string };
}

/** The renderer's formatter built straight from a language's locale file, as the kiosk builds it. */
function fromLocaleFile(language: Language): NumberFormat {
  const texts = (JSON.parse(readFileSync(join(localesDir, language, 'kiosk.json'), 'utf8')) as KioskNumberTexts)
    .numberFormat;
  return numberFormatFrom(
    { example: texts.example, percent: (value) => texts.percent.replace('{{value}}', value) },
    language,
  );
}

// Node carries full ICU data, so its Intl is the reference the kiosk's reduced-ICU Chromium cannot be.
const intl = (language: Language, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(language, options);
const FIXED_VALUES = [
  0, 0.04, 0.05, 0.95, 9.95, 99.995, 1, 7.25, 12.5, 19.15, 1.005, 2.675, 999.95, 1234.5, 12345.678, 1_000_000,
  2_345_678.9, -3.5,
];
// Values as figures are: averages with a few decimals, from tiny to large, many exactly on a half.
let state = 11;
const nextRandom = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
const VALUES = [
  ...FIXED_VALUES,
  ...Array.from({ length: 500 }, () => Math.round(nextRandom() * 10 ** Math.floor(nextRandom() * 7) * 1000) / 1000),
];

describe('number format from the locale files', () => {
  it('has full ICU in this Node, so the comparison below means something', () => {
    expect(intl('kk', { minimumFractionDigits: 1 }).format(1234.5)).toBe('1\u00a0234,5');
  });

  describe.each(LANGUAGES)('%s', (language) => {
    const format = fromLocaleFile(language);

    it('writes whole numbers, decimals and percents exactly as CLDR does', () => {
      for (const value of VALUES) {
        expect(format.integer(value), `${value}`).toBe(intl(language, { maximumFractionDigits: 0 }).format(value));
        expect(format.decimal(value, { min: 1, max: 1 }), `${value}`).toBe(
          intl(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value),
        );
        expect(format.decimal(value, { min: 0, max: 2 }), `${value}`).toBe(
          intl(language, { maximumFractionDigits: 2 }).format(value),
        );
      }
      for (const share of [0, 0.005, 0.45, 0.5, 0.996, 1, 12.34]) {
        expect(format.percent(share), `${share}`).toBe(
          intl(language, { style: 'percent', maximumFractionDigits: 0 }).format(share),
        );
      }
    });
  });

  it('writes the figures the console showed as "0.0 мин" in Kazakh with a comma, and az with a point for thousands', () => {
    expect(fromLocaleFile('kk').decimal(0, { min: 1, max: 1 })).toBe('0,0');
    expect(fromLocaleFile('az').decimal(1234.5, { min: 1, max: 1 })).toBe('1.234,5');
    expect(fromLocaleFile('en').decimal(1234.5, { min: 1, max: 1 })).toBe('1,234.5');
    expect(fromLocaleFile('ru').percent(0.45)).toBe('45\u00a0%');
  });

  it('writes no "-0" and a dash for a number that is not one', () => {
    const format = fromLocaleFile('az');
    expect(format.decimal(-0.01, { min: 1, max: 1 })).toBe('0,0');
    expect(format.integer(Number.NaN)).toBe('—');
  });

  it('refuses a locale example that is not 1234.5, naming the key and language', () => {
    expect(() => numberFormatFrom({ example: '1234', percent: (value) => value }, 'kk')).toThrow(
      /numberFormat\.example in kk/,
    );
    expect(() => numberFormatFrom({ example: '1,234.50', percent: (value) => value }, 'en')).toThrow(/1234\.5/);
  });
});

describe('number format through i18next, as the renderer reads it', () => {
  it('takes each language’s separators from the kiosk namespace, money included', async () => {
    const resources = Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        { kiosk: JSON.parse(readFileSync(join(localesDir, language, 'kiosk.json'), 'utf8')) as object },
      ]),
    );
    await i18next.init({ lng: 'kk', fallbackLng: 'en', resources, interpolation: { escapeValue: false } });
    expect(numberFormat('kk').decimal(14.25, { min: 1, max: 1 })).toBe('14,3');
    expect(numberFormat('az').percent(0.5)).toBe('50%');
    expect(formatMoney(1234.5, 'AZN', 'az')).toBe('1.234,5\u00a0AZN');
    expect(formatMoney(60, 'KZT', 'kk')).toBe('60\u00a0KZT');
    expect(formatMoney(2.5, 'USD', 'en')).toBe('2.5\u00a0USD');
  });
});
