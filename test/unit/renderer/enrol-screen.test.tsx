import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { KioskApiError, LANGUAGES, type KioskApi, type Language } from '../../../main/contract';
import { HallCredential } from '../../../renderer/src/api/hall-credential';
import {
  deviceName,
  enrolAddress,
  enrolCodeDigits,
  enrolCodeFromFragment,
  enrolCommand,
  enrolErrorKind,
  formatEnrolCode,
  ROLE_OF_PAGE,
} from '../../../renderer/src/enrol/enrol-code';
import { EnrolScreen } from '../../../renderer/src/enrol/enrol-screen';
import { initI18n } from '../../../renderer/src/i18n';

const localesDir = join(import.meta.dirname, '../../../locales');
const enrolTexts = (lng: Language) =>
  JSON.parse(readFileSync(join(localesDir, lng, 'enrol.json'), 'utf8')) as Record<string, unknown>;

function flatten(value: unknown): string[] {
  return typeof value === 'string' ? [value] : Object.values(value as Record<string, unknown>).flatMap(flatten);
}

describe('the enrolment code as typed', () => {
  it('keeps 8 digits at most, whatever else was typed or pasted', () => {
    expect(enrolCodeDigits('1234-5678')).toBe('12345678');
    expect(enrolCodeDigits(' 12 34 56 78 9')).toBe('12345678');
    expect(enrolCodeDigits('12a3')).toBe('123');
  });

  it('reads 4-4, as the technician’s screen shows it', () => {
    expect(formatEnrolCode('')).toBe('');
    expect(formatEnrolCode('1234')).toBe('1234');
    expect(formatEnrolCode('12345')).toBe('1234-5');
    expect(formatEnrolCode('12345678')).toBe('1234-5678');
  });

  it('tells a refusal by its code', () => {
    expect(enrolErrorKind(new KioskApiError('wrong-pin', 'unknown, used or expired'))).toBe('unknown-code');
    expect(enrolErrorKind(new KioskApiError('pin-attempts-limited', 'wait'))).toBe('wait');
    expect(enrolErrorKind(new KioskApiError('invalid-input', 'must be the 8 digits'))).toBe('incomplete');
    expect(enrolErrorKind(new KioskApiError('internal', 'the kiosk did not answer'))).toBe('failed');
    expect(enrolErrorKind(new Error('?'))).toBe('failed');
  });
});

describe('the address a QR code on the technician screen opens', () => {
  it('is the page of the device’s role on the server, the code in its fragment', () => {
    expect(enrolAddress('http://10.0.0.5:8787', 'display', '1234-5678')).toBe(
      'http://10.0.0.5:8787/hall.html#enrol=12345678',
    );
    expect(enrolAddress('https://hall.lan:8787/', 'rating-tablet', '12345678')).toBe(
      'https://hall.lan:8787/rating.html#enrol=12345678',
    );
    expect(enrolAddress('http://10.0.0.5:8787', 'console', '0000-0001')).toBe(
      'http://10.0.0.5:8787/console.html#enrol=00000001',
    );
  });

  it('is none for devices without a page on the server', () => {
    expect(enrolAddress('http://10.0.0.5:8787', 'kiosk', '1234-5678')).toBeNull();
    expect(enrolAddress('http://10.0.0.5:8787', 'queue-system', '1234-5678')).toBeNull();
  });

  it('gives the page its code back, and nothing for a partial or missing one', () => {
    expect(enrolCodeFromFragment('#enrol=12345678')).toBe('12345678');
    expect(enrolCodeFromFragment('#view=wide&enrol=1234-5678')).toBe('12345678');
    expect(enrolCodeFromFragment('#enrol=1234')).toBeNull();
    expect(enrolCodeFromFragment('#token=abc')).toBeNull();
    expect(enrolCodeFromFragment('')).toBeNull();
  });
});

describe('the device a page enrols as', () => {
  it('takes the role whose calls the page makes (figures: a console’s)', () => {
    expect(ROLE_OF_PAGE).toEqual({
      console: 'console',
      display: 'display',
      'rating-tablet': 'rating-tablet',
      figures: 'console',
    });
  });

  it('is named by its page and desk, within the server’s 60 characters', () => {
    expect(deviceName('display')).toBe('Hall display');
    expect(deviceName('rating-tablet', '2')).toBe('Rating tablet, desk 2');
    expect(deviceName('console', null)).toBe('Desk console');
    expect(deviceName('console', 'X'.repeat(80)).length).toBe(60);
    expect(enrolCommand('figures', 'Figures tablet')).toBe(
      'npm run hall -- enrol-code --role console --name "Figures tablet"',
    );
  });
});

describe.each(LANGUAGES)('the enrol screen in %s', (lng) => {
  const api = {} as KioskApi;
  const credential = new HallCredential(null, null);
  let html = '';
  beforeAll(async () => {
    await initI18n('en').changeLanguage(lng);
    html = renderToStaticMarkup(<EnrolScreen api={api} credential={credential} page="display" languageChosen />);
  });

  it('shows its texts in the language, no key left untranslated', () => {
    const texts = enrolTexts(lng) as {
      title: string;
      ask: string;
      how: string;
      submit: string;
      page: { display: string };
    };
    for (const text of [texts.title, texts.ask, texts.how, texts.submit, texts.page.display])
      expect(html).toContain(text.replace(/"/g, '&quot;'));
    expect(html).not.toMatch(/>(title|ask|how|submit|page\.display)</);
    expect(html).toContain('npm run hall -- enrol-code --role display --name &quot;Hall display&quot;');
  });

  it('offers a digit key for every digit, Clear and a labelled backspace', () => {
    for (const digit of '0123456789') expect(html).toContain(`data-testid="enrol-pad-${digit}"`);
    expect(html).toContain('data-testid="enrol-pad-clear"');
    expect(html).toMatch(/data-testid="enrol-pad-back" aria-label="[^"]+"/);
  });

  it('uses none of the words the glossary rules out (the hall display is in the visitors’ view)', () => {
    const glossary = JSON.parse(readFileSync(join(localesDir, 'glossary.json'), 'utf8')) as Record<
      string,
      Record<string, { avoid?: string[] }>
    >;
    const avoided = Object.values(glossary[lng] ?? {}).flatMap((concept) => concept.avoid ?? []);
    for (const text of flatten(enrolTexts(lng)))
      for (const word of avoided) expect(text, word).not.toMatch(new RegExp(`(?<!\\p{L})${word}`, 'iu'));
  });
});
