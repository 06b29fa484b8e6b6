import { describe, expect, it } from 'vitest';
import type { Language } from '../../../main/contract';
import type { TicketPrintout } from '../../../main/core/ports';
import { decodedText, decodeEscPos, type EscPosOp } from '../../../native/escpos/decoder';
import { packRows } from '../../../native/escpos/raster';
import { renderTicketBitmap } from '../../../native/escpos/render-png';
import { recogniseGlyph, drawUserDefinedGlyph } from '../../../native/escpos/user-defined-characters';
import { planLine } from '../../../native/printer/code-page-choice';
import { EscPosWriter } from '../../../native/printer/escpos-writer';
import { printerProfile } from '../../../native/printer/profiles';
import { drawTextLineBitmap } from '../../../native/printer/text-bitmap';
import { numericDateTime } from '../../../native/printer/ticket-date';
import { renderTicketBytes, renderWholeTicketBitmapBytes, wrapWords } from '../../../native/printer/ticket-layout';

const profile = printerProfile('epson-tm-t20iii');

const SERVICES: Record<Language, string> = {
  az: 'Şəxsiyyət vəsiqəsinin verilməsi',
  ru: 'Выдача паспорта',
  en: 'Passport issue',
  kk: 'Жеке куәлік беру',
  ky: 'Паспорт берүү',
  uz: 'Oʻzbekiston pasportini berish',
};

/** The text each service name must come out as: Uzbek ʻ is in no code page and prints as ‘. */
const PRINTED_SERVICES: Record<Language, string> = { ...SERVICES, uz: 'O‘zbekiston pasportini berish' };

/**
 * 09:07 UTC on 5 March 2025 is 14:07 in Almaty (UTC+5): the line each language's visitors read,
 * so an hour off (12:07, or 09:07 in UTC) fails. Written out, not computed: ICU's patterns.
 */
const DATE_LINES: Record<Language, string> = {
  az: '5 mar 2025, 14:07',
  ru: '5 мар. 2025 г., 14:07',
  en: 'Mar 5, 2025, 2:07 PM',
  kk: '2025 ж. 05 нау., 14:07',
  ky: '2025-ж., 5-мар. 14:07',
  uz: '5-mar, 2025, 14:07',
};

/** The code page (ESC t n) the service line must be printed in. */
const SERVICE_CODE_PAGES: Record<Exclude<Language, 'az'>, number> = { ru: 17, en: 0, kk: 53, ky: 53, uz: 48 };

function ticket(language: Language, overrides: Partial<TicketPrintout> = {}): TicketPrintout {
  return {
    centreName: 'Centre 1',
    serviceName: SERVICES[language],
    number: 'A-007',
    language,
    issuedAt: new Date('2025-03-05T09:07:00Z'),
    timeZone: 'Asia/Almaty',
    qrContent: `kiosk-1/2025-03-05/A-007/${language}`,
    ...overrides,
  };
}

/** The ESC t number in force where the text op `text` is printed. */
function codePageAt(ops: readonly EscPosOp[], text: string): number | undefined {
  const index = ops.findIndex((op) => op.kind === 'text' && op.text === text);
  expect(index, `no text op "${text}"`).toBeGreaterThanOrEqual(0);
  for (let i = index - 1; i >= 0; i--) {
    const op = ops[i];
    if (op?.kind === 'codePage') return op.number;
    if (op?.kind === 'init') return undefined;
  }
  return undefined;
}

function rasters(ops: readonly EscPosOp[]): Extract<EscPosOp, { kind: 'raster' }>[] {
  return ops.filter((op): op is Extract<EscPosOp, { kind: 'raster' }> => op.kind === 'raster');
}

describe.each(['az', 'ru', 'en', 'kk', 'ky', 'uz'] as const)('a %s ticket', (language) => {
  const ops = decodeEscPos(renderTicketBytes(ticket(language), profile));
  const lines = decodedText(ops);

  it('decodes without unknown bytes', () => {
    expect(ops.filter((op) => op.kind === 'unknown')).toEqual([]);
  });

  it('prints the number in big bold characters', () => {
    expect(lines).toContain('A-007');
    const index = ops.findIndex((op) => op.kind === 'text' && op.text === 'A-007');
    const size = ops.slice(0, index).findLast((op) => op.kind === 'size');
    expect(size).toEqual({ kind: 'size', width: 5, height: 5 });
    expect(ops.slice(0, index).findLast((op) => op.kind === 'bold')).toEqual({ kind: 'bold', on: true });
  });

  it('prints a native QR code with the ticket content', () => {
    expect(ops.filter((op) => op.kind === 'qrPrint')).toEqual([
      { kind: 'qrPrint', data: ticket(language).qrContent, model: 2, moduleSize: 6, errorCorrection: 'M' },
    ]);
  });

  it('ends with a cut', () => {
    expect(ops.filter((op) => op.kind === 'cut')).toHaveLength(1);
    expect(ops.findIndex((op) => op.kind === 'cut')).toBeGreaterThan(ops.findIndex((op) => op.kind === 'qrPrint'));
  });

  it('selects a code page right after every ESC @, because ESC @ resets it', () => {
    const inits = ops.flatMap((op, index) => (op.kind === 'init' ? [index] : []));
    expect(inits).toHaveLength(2); // the first command, and the one the library adds after the cut
    expect(ops[0]).toEqual({ kind: 'init' });
    for (const index of inits) expect(ops[index + 1]?.kind).toBe('codePage');
  });

  it('prints the date and time in the ticket time zone', () => {
    expect(lines).toContain(DATE_LINES[language]);
  });

  if (language === 'az') {
    it('prints the ə line as text, ə as a glyph downloaded by ESC & and selected by ESC % 1, no raster', () => {
      expect(lines).toContain(SERVICES.az);
      expect(rasters(ops)).toEqual([]);
      const definitions = ops.filter((op) => op.kind === 'defineCharacters');
      expect(definitions).toEqual([
        {
          kind: 'defineCharacters',
          bytesPerColumn: 3,
          first: 0x7e,
          last: 0x7e,
          glyphs: [{ code: 0x7e, glyph: drawUserDefinedGlyph('ə', false) }],
        },
      ]);
      const line = ops.findIndex((op) => op.kind === 'text' && op.userDefined !== undefined);
      expect(ops[line]).toMatchObject({ text: 'Şəxsiyyət vəsiqəsinin verilməsi'.replace(/ə/g, '~') });
      expect(ops[line - 1]).toEqual({ kind: 'userDefinedCharacters', on: true });
      expect(ops[line + 1]).toEqual({ kind: 'lineFeed' });
      expect(ops[line + 2]).toEqual({ kind: 'userDefinedCharacters', on: false });
      expect(codePageAt(ops, ops[line]?.kind === 'text' ? ops[line].text : '')).toBe(13);
    });

    it('draws the ə line as a cropped bitmap on a model without user-defined characters', () => {
      const without = decodeEscPos(renderTicketBytes(ticket(language), { ...profile, userDefinedCharacters: false }));
      expect(decodedText(without).join('\n')).not.toMatch(/[əƏ]/);
      const expected = drawTextLineBitmap(SERVICES.az, { bold: false, magnification: 1 }, profile.printWidthDots);
      if (!expected) throw new Error('the service name drew no ink');
      const service = rasters(without).find((op) => op.data.equals(packRows(expected.bitmap).data));
      expect(service).toMatchObject({
        widthBytes: Math.ceil(expected.bitmap.width / 8),
        height: expected.bitmap.height,
      });
      // Cropped to its ink: narrower than the paper, one band.
      expect(service?.widthBytes).toBeLessThan(profile.printWidthDots / 8);
      expect(service?.height).toBeLessThanOrEqual(255);
      expect(without.some((op) => op.kind === 'defineCharacters' || op.kind === 'userDefinedCharacters')).toBe(false);
    });
  } else {
    it('prints the service name as text in the right code page', () => {
      expect(lines).toContain(PRINTED_SERVICES[language]);
      expect(codePageAt(ops, PRINTED_SERVICES[language])).toBe(SERVICE_CODE_PAGES[language]);
      expect(rasters(ops)).toEqual([]);
    });
  }
});

/**
 * Nobody ahead, in the words the kiosk screen uses (kiosk.json wait.noneAhead), written out here so a
 * changed translation is noticed. Uzbek ʻ prints as ‘, as everywhere on paper.
 */
const NOBODY_AHEAD: Record<Language, string> = {
  az: 'Sizdən əvvəl heç kim yoxdur',
  ru: 'Перед вами никого нет',
  en: 'Nobody is ahead of you',
  kk: 'Алдыңызда ешкім жоқ',
  ky: 'Сиздин алдыңызда эч ким жок',
  uz: 'Sizdan oldin hech kim yo‘q',
};

describe.each(['az', 'ru', 'en', 'kk', 'ky', 'uz'] as const)('the people-ahead line of a %s ticket', (language) => {
  const printed = (overrides: Partial<TicketPrintout>) =>
    decodedText(decodeEscPos(renderTicketBytes(ticket(language, overrides), profile)));

  it('says nobody is ahead in words, not "0", with or without a desk open', () => {
    for (const waitMinutes of [0, null]) {
      const lines = printed({ peopleAhead: 0, waitMinutes });
      expect(lines).toContain(NOBODY_AHEAD[language]);
      expect(lines.join('\n')).not.toMatch(/\b0\b/);
    }
  });

  it('still counts the people when someone is ahead', () => {
    const lines = printed({ peopleAhead: 2, waitMinutes: 8 });
    expect(lines).not.toContain(NOBODY_AHEAD[language]);
    expect(lines.some((line) => /\b2\b/.test(line) && /\b8\b/.test(line))).toBe(true);
  });
});

/**
 * A ticket a kiosk of a hall numbered from its own block while the hall server was away: nobody knows
 * the people ahead or the wait, and the paper says so in the screen's two sentences (kiosk.json
 * wait.unknown, wait.placeKept), written out here so a changed translation is noticed. Uzbek ʻ and ʼ
 * print as ‘ and ’.
 */
const WAIT_UNKNOWN: Record<Language, readonly [string, string]> = {
  az: ['Gözləmə vaxtı hələ məlum deyil.', 'Növbədəki yeriniz talonu götürdüyünüz andan saxlanılır.'],
  ru: ['Время ожидания пока неизвестно.', 'Ваше место в очереди сохраняется с момента, когда вы взяли талон.'],
  en: ['The wait is not known yet.', 'Your place is kept from the time you took this ticket.'],
  kk: ['Күту уақыты әзірге белгісіз.', 'Кезектегі орныңыз талонды алған сәттен бастап сақталады.'],
  ky: ['Күтүү убактысы али белгисиз.', 'Кезектеги ордуңуз талонду алган учурдан тартып сакталат.'],
  uz: ['Kutish vaqti hozircha noma’lum.', 'Navbatdagi o‘rningiz talonni olgan paytingizdan boshlab saqlanadi.'],
};

/** How the people-ahead line of printer.json ticket.ahead and ticket.aheadAndWait begins. */
const PEOPLE_AHEAD: Record<Language, string> = {
  az: 'Sizdən əvvəl:',
  ru: 'Перед вами:',
  en: 'People ahead of you:',
  kk: 'Сіздің алдыңызда:',
  ky: 'Сиздин алдыңызда:',
  uz: 'Sizdan oldin:',
};

describe.each(['az', 'ru', 'en', 'kk', 'ky', 'uz'] as const)('a %s ticket issued offline in a hall', (language) => {
  const printed = (overrides: Partial<TicketPrintout>, on = profile) =>
    decodeEscPos(renderTicketBytes(ticket(language, { waitUnknown: true, ...overrides }), on));

  it('says the wait is not known yet and the place is kept, each sentence wrapped on its own, after the number', () => {
    const lines = decodedText(printed({ peopleAhead: 0, waitMinutes: null }));
    const [unknown, placeKept] = WAIT_UNKNOWN[language];
    const first = lines.indexOf(unknown);
    expect(first, lines.join('\n')).toBeGreaterThan(lines.indexOf('A-007'));
    const kept = wrapWords(placeKept, profile.columns);
    expect(lines.slice(first + 1, first + 1 + kept.length)).toEqual(kept);
    expect(lines.indexOf(DATE_LINES[language])).toBe(first + 1 + kept.length);
  });

  it('prints no people-ahead line, whatever people ahead and wait the job carries', () => {
    for (const [peopleAhead, waitMinutes] of [
      [0, null],
      [0, 0],
      [3, 12],
      [undefined, undefined],
    ] as const) {
      const text = decodedText(printed({ peopleAhead, waitMinutes })).join('\n');
      expect(text).toContain(WAIT_UNKNOWN[language][0]);
      expect(text).not.toContain(PEOPLE_AHEAD[language]);
      expect(text).not.toContain(NOBODY_AHEAD[language]);
      expect(text).not.toMatch(/\b12\b/);
    }
  });

  it('prints the people ahead as before when the wait is known', () => {
    const text = decodedText(printed({ waitUnknown: false, peopleAhead: 3, waitMinutes: 12 })).join('\n');
    expect(text).toContain(PEOPLE_AHEAD[language]);
    expect(text).not.toContain(WAIT_UNKNOWN[language][0]);
  });

  it('fits 58 mm paper: every text line within 32 columns, every drawn line within 384 dots', () => {
    const narrow = printerProfile('generic-58mm');
    const ops = printed({ peopleAhead: 0, waitMinutes: null }, narrow);
    expect(ops.filter((op) => op.kind === 'unknown')).toEqual([]);
    for (const line of decodedText(ops)) expect([...line].length, line).toBeLessThanOrEqual(narrow.columns);
    for (const raster of rasters(ops)) expect(raster.widthBytes * 8).toBeLessThanOrEqual(narrow.printWidthDots);
  });
});

describe('code page selection', () => {
  it('switches pages line by line and says ESC t only when the page changes', () => {
    const ops = decodeEscPos(
      renderTicketBytes(
        ticket('kk', { centreName: 'Халыққа қызмет көрсету орталығы', serviceName: 'Паспорт' }),
        profile,
      ),
    );
    const pages = ops.filter((op) => op.kind === 'codePage').map((op) => op.number);
    // PC437 after ESC @, KZ-1048 for the Kazakh centre, PC437 for the rule, PC866 for Russian-only text,
    // back to PC437 for the number, PC866 for the Cyrillic date, PC437 after the final ESC @.
    expect(pages).toEqual([0, 53, 0, 17, 0, 17, 0]);
    expect(codePageAt(ops, 'Паспорт')).toBe(17);
    expect(codePageAt(ops, 'Халыққа қызмет көрсету орталығы')).toBe(53);
  });

  it('prints ʻ as an ASCII apostrophe when the printer has no page with ‘', () => {
    const latinOnly = { ...profile, codePages: profile.codePages.filter((page) => page.name === 'PC437') };
    const lines = decodedText(decodeEscPos(renderTicketBytes(ticket('uz'), latinOnly)));
    expect(lines).toContain("O'zbekiston pasportini berish");
  });

  it('prints Kazakh without KZ-1048 in WPC1251 with ә downloaded, on a model that takes glyphs', () => {
    const noKazakhPage = { ...profile, codePages: profile.codePages.filter((page) => page.name !== 'KZ1048') };
    const ops = decodeEscPos(renderTicketBytes(ticket('kk'), noKazakhPage));
    // WPC1251 has і but not ә: one glyph, read back as Cyrillic ә from the letters around it.
    expect(decodedText(ops)).toContain(SERVICES.kk);
    expect(rasters(ops)).toEqual([]);
    expect(codePageAt(ops, 'Жеке ку~лік беру')).toBe(46);
  });

  it('draws a line as a bitmap when the profile lacks its page and takes no glyphs (Kazakh without KZ-1048)', () => {
    const noKazakhPage = {
      ...profile,
      userDefinedCharacters: false,
      codePages: profile.codePages.filter((page) => page.name !== 'KZ1048'),
    };
    const ops = decodeEscPos(renderTicketBytes(ticket('kk'), noKazakhPage));
    expect(decodedText(ops)).not.toContain(SERVICES.kk);
    expect(rasters(ops)).toHaveLength(1);
  });

  it('never sends control characters from a catalog text to the printer', () => {
    const ops = decodeEscPos(renderTicketBytes(ticket('en', { serviceName: 'Passport\u001bissue\n' }), profile));
    expect(ops.filter((op) => op.kind === 'unknown')).toEqual([]);
    expect(decodedText(ops)).toContain('Passport issue');
  });
});

describe('planLine: text, text with downloaded glyphs, or raster', () => {
  it('gives a line a page holds as plain text', () => {
    expect(planLine('Şimal', profile)).toMatchObject({ kind: 'text', encoded: { codePage: { name: 'PC857' } } });
  });

  it('never gives a downloaded letter a code the line prints itself', () => {
    const plan = planLine('a~b|c^d ə', profile);
    expect(plan).toMatchObject({ kind: 'textWithUserDefined', missing: ['ə'], codePage: { name: 'PC437' } });
    if (plan.kind !== 'textWithUserDefined') throw new Error('not text with glyphs');
    expect(plan.freeCodes.map((code) => String.fromCharCode(code))).not.toContain('~');
    expect(plan.freeCodes[0]).toBe('`'.charCodeAt(0));
    const lines = decodedText(decodeEscPos(renderTicketBytes(ticket('az', { serviceName: 'a~b|c^d ə' }), profile)));
    expect(lines).toContain('a~b|c^d ə');
  });

  it('falls back to raster with more distinct missing letters than free codes', () => {
    const latinOnly = { ...profile, codePages: profile.codePages.filter((page) => page.name === 'PC437') };
    expect(planLine('абвгдежзийклмнопрстуфхцчшщ', latinOnly)).toEqual({ kind: 'raster' });
    expect(planLine('абвгд', latinOnly)).toMatchObject({ kind: 'textWithUserDefined' });
  });

  it('downloads a glyph once per weight and again after every ESC @', () => {
    // The service wraps into two lines with ə: the second reuses the glyphs the first downloaded.
    const serviceName = 'Əmək müqaviləsinin qeydiyyatı və ədliyyə arayışlarının verilməsi';
    const bytes = renderTicketBytes(ticket('az', { centreName: 'ASAN xidmət', serviceName }), profile);
    const ops = decodeEscPos(Buffer.concat([bytes, bytes]));
    const downloads = ops.flatMap((op) =>
      op.kind === 'defineCharacters' ? op.glyphs.map(({ glyph }) => recogniseGlyph(glyph)[0]) : [],
    );
    // Bold ə for the centre; regular Ə and ə for the service; the same again for the second ticket.
    expect(downloads).toEqual(['ə', 'Ə', 'ə', 'ə', 'Ə', 'ə']);
    const lines = decodedText(ops);
    expect(lines.filter((line) => line === 'arayışlarının verilməsi')).toHaveLength(2);
    expect(lines.filter((line) => line === 'Əmək müqaviləsinin qeydiyyatı və ədliyyə')).toHaveLength(2);
    expect(lines.filter((line) => line === 'ASAN xidmət')).toHaveLength(2);
  });

  it('the writer downloads again after an ESC @ in the middle of its stream, and only then', () => {
    const writer = new EscPosWriter(profile);
    writer.initialise();
    writer.textLine('vəsiqə', { bold: false, magnification: 1 });
    writer.textLine('Əmək', { bold: false, magnification: 1 });
    writer.initialise();
    writer.textLine('vəsiqə', { bold: false, magnification: 1 });
    const ops = decodeEscPos(writer.bytes());
    expect(
      ops.filter((op) => op.kind === 'defineCharacters').map((op) => op.kind === 'defineCharacters' && op.first),
    ).toEqual([
      0x7e, // ə
      0x7c, // Ə: ə keeps ~
      0x7e, // ə again: ESC @ cleared it
    ]);
    expect(decodedText(ops)).toEqual(['vəsiqə', 'Əmək', 'vəsiqə']);
  });
});

describe('layout', () => {
  it('wraps a long service name at word boundaries within the 48 columns', () => {
    const serviceName = 'Выдача справки об отсутствии судимости для оформления документов на выезд за границу';
    const lines = decodedText(decodeEscPos(renderTicketBytes(ticket('ru', { serviceName }), profile)));
    const serviceLines = lines.filter((line) => serviceName.includes(line));
    // "… для оформления" would be 53 characters: the break comes before "оформления".
    expect(serviceLines).toEqual([
      'Выдача справки об отсутствии судимости для',
      'оформления документов на выезд за границу',
    ]);
  });

  it('wrapWords splits words longer than a line', () => {
    expect(wrapWords('ab cdefgh i', 4)).toEqual(['ab', 'cdef', 'gh i']);
  });

  it('refuses QR content the library would frame wrongly', () => {
    expect(() => renderTicketBytes(ticket('en', { qrContent: 'nömrə' }), profile)).toThrow(/printable ASCII/);
  });

  it('a text ticket is a few hundred bytes', () => {
    expect(renderTicketBytes(ticket('ru'), profile).length).toBeLessThan(400);
  });
});

describe('renderWholeTicketBitmapBytes', () => {
  it('sends the same ticket as full-width bitmap bands of at most 255 rows, then cuts', () => {
    const ops = decodeEscPos(renderWholeTicketBitmapBytes(ticket('ru'), profile));
    const bands = rasters(ops);
    const whole = renderTicketBitmap(decodeEscPos(renderTicketBytes(ticket('ru'), profile)), profile.printWidthDots);
    // Full bands of 255 rows, then the rest; together, the whole ticket's picture row for row.
    expect(bands.map((band) => band.height)).toEqual([
      ...Array<number>(Math.floor(whole.height / 255)).fill(255),
      ...(whole.height % 255 === 0 ? [] : [whole.height % 255]),
    ]);
    for (const band of bands) expect(band.widthBytes).toBe(72);
    expect(Buffer.concat(bands.map((band) => band.data))).toEqual(packRows(whole).data);
    expect(decodedText(ops)).toEqual([]);
    expect(ops.filter((op) => op.kind === 'cut')).toHaveLength(1);
    expect(ops.filter((op) => op.kind === 'unknown')).toEqual([]);
    expect(bands.reduce((sum, band) => sum + band.data.length, 0)).toBeGreaterThan(20_000);
  });
});

describe('numericDateTime', () => {
  it('gives digits in the given time zone, for builds without the language data', () => {
    expect(numericDateTime(new Date('2025-03-05T20:07:00Z'), 'Asia/Almaty')).toBe('06.03.2025 01:07');
  });
});
