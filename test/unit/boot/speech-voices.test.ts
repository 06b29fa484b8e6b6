import { describe, expect, it } from 'vitest';
import { voicesByLanguage } from '../../../main/boot/speech';
import { spokenTicketNumber } from '../../../renderer/src/use-spoken-prompt';

/** The shape of `espeak-ng --voices` (1.51), trimmed to the lines that matter here. */
const LISTING = `Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  az              --/M      Azerbaijani        trk/az
 5  en-029          --/M      English_(Caribbean) gmw/en-029
 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
 5  en-gb-scotland  --/M      English_(Scotland) gmw/en-GB-scotland       (en 4)
 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
 5  ky              --/M      Kyrgyz             trk/ky
 5  ru              --/M      Russian            zle/ru
 5  uz              --/M      Uzbek              trk/uz
`;

describe('choosing a voice for each kiosk language from espeak-ng --voices', () => {
  it('takes the exact code, else the main regional voice (en → en-gb, not en-029 or en-gb-scotland)', () => {
    expect(Object.fromEntries(voicesByLanguage(LISTING))).toEqual({
      az: 'az',
      en: 'en-gb',
      ky: 'ky',
      ru: 'ru',
      uz: 'uz',
    });
  });

  it('finds no voice for a language the listing lacks (kk here), and none in an empty listing', () => {
    expect(voicesByLanguage(LISTING).has('kk')).toBe(false);
    expect(voicesByLanguage('Pty Language Age/Gender VoiceName File Other Languages\n').size).toBe(0);
  });
});

describe('a ticket number as the voice reads it', () => {
  it('reads digit by digit, so no voice says "minus" or "one hundred and twenty-three"', () => {
    expect(spokenTicketNumber('A-001')).toBe('A 0 0 1');
    expect(spokenTicketNumber('B-123')).toBe('B 1 2 3');
    expect(spokenTicketNumber('P-1000')).toBe('P 1 0 0 0');
  });
});
