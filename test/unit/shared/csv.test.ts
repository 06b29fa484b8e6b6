import { describe, expect, it } from 'vitest';
import { csvField, parseCsv } from '../../../main/shared/csv';

describe('CSV: one quoting rule and one reader for the catalog and the day’s visits', () => {
  it('quotes a field only when it holds a quote, a line break or a delimiter the reader may take', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('waiting-time;staff')).toBe('waiting-time;staff');
    expect(csvField('mon-fri 09:00-13:00; sat 10:00-12:00', ',;\t')).toBe('"mon-fri 09:00-13:00; sat 10:00-12:00"');
    expect(csvField('tab\there', ',;\t')).toBe('"tab\there"');
  });

  it('reads back what it writes, with a byte order mark, CRLF and the delimiter taken from the header', () => {
    const fields = ['Vergi\nuçotu', 'Tax "registration"', 'a,b', 'Паспорт; ID'];
    const comma = `\uFEFFw,x,y,z\r\n${fields.map((field) => csvField(field)).join(',')}\r\n`;
    expect(parseCsv(comma)).toEqual([['w', 'x', 'y', 'z'], fields]);
    const semicolon = `w;x;y;z\n${fields.map((field) => csvField(field, ';')).join(';')}\n`;
    expect(parseCsv(semicolon)).toEqual([['w', 'x', 'y', 'z'], fields]);
  });

  it('puts an apostrophe before a cell a spreadsheet would run as a formula, and reads it back without it', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+994 12 000')).toBe("'+994 12 000");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField("'=kept")).toBe("''=kept");
    const fields = ['=1+1', '-5', "'=kept", 'plain', '@x', "it's"];
    expect(parseCsv(`a,b,c,d,e,f\n${fields.map((field) => csvField(field)).join(',')}\n`)).toEqual([
      ['a', 'b', 'c', 'd', 'e', 'f'],
      fields,
    ]);
  });
});
