/**
 * DRAFT GENERATOR for the ESC/POS byte fixtures (test/fixtures/escpos/): prints what the encoder
 * sends today for each fixture ticket, as an annotated listing, one command a line.
 *
 * A draft is NOT a fixture. It repeats whatever the encoder does, bugs included. Before a draft
 * replaces a listing, check every line by hand against the Epson ESC/POS reference (the
 * references are listed in test/fixtures/escpos/README.md) and add the reference to its comment.
 * The fixture test never calls this script.
 *
 *   npx tsx scripts/draft-escpos-fixtures.ts            drafts into test-artifacts/escpos-drafts/
 *   npx tsx scripts/draft-escpos-fixtures.ts --stdout epson-tm-t20iii az
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { printerProfile } from '../native/printer/profiles';
import { renderTicketBytes } from '../native/printer/ticket-layout';
import { FIXTURE_LANGUAGES, FIXTURE_PROFILES, FIXTURE_TICKETS } from '../test/fixtures/escpos/tickets';

const DRAFTS = join(import.meta.dirname, '../test-artifacts/escpos-drafts');

/** ESC t n tables from Epson's "ESC t" page, with the iconv-lite encoding holding the same characters. */
const TABLES: Record<number, { name: string; iconv: string }> = {
  0: { name: 'PC437', iconv: 'cp437' },
  2: { name: 'PC850', iconv: 'cp850' },
  13: { name: 'PC857', iconv: 'cp857' },
  16: { name: 'WPC1252', iconv: 'windows1252' },
  17: { name: 'PC866', iconv: 'cp866' },
  18: { name: 'PC852', iconv: 'cp852' },
  19: { name: 'PC858', iconv: 'cp858' },
  34: { name: 'PC855', iconv: 'cp855' },
  45: { name: 'WPC1250', iconv: 'windows1250' },
  46: { name: 'WPC1251', iconv: 'windows1251' },
  48: { name: 'WPC1254', iconv: 'windows1254' },
  53: { name: 'KZ-1048', iconv: 'rk1048' },
};

const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
const line = (code: string, comment: string): string => `${code.padEnd(40)} ; ${comment}`;

/** Splits the bytes into commands and text runs; throws on a byte it cannot place, so a draft never hides one. */
export function draftListing(bytes: Buffer): string[] {
  const out: string[] = [];
  let table = TABLES[0];
  let i = 0;
  const take = (n: number): Buffer => {
    const part = bytes.subarray(i, i + n);
    if (part.length < n) throw new Error(`command at offset ${i} runs past the end`);
    i += n;
    return part;
  };
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    if (b0 === 0x0a) {
      out.push(line(hex(take(1)), 'LF  print and feed one line [R-LF]'));
    } else if (b0 === 0x1b && b1 === 0x40) {
      out.push(line(hex(take(2)), 'ESC @  initialise (mode reset, table 0, user-defined glyphs cleared) [R-ESC@]'));
    } else if (b0 === 0x1b && b1 === 0x74) {
      table = TABLES[b2];
      if (!table) throw new Error(`ESC t ${b2}: no table of that number in this script`);
      out.push(line(hex(take(3)), `ESC t ${b2}  character code table ${table.name} [R-ESCt]`));
    } else if (b0 === 0x1b && b1 === 0x61) {
      out.push(line(hex(take(3)), `ESC a ${b2}  justification ${['left', 'centre', 'right'][b2 % 48]} [R-ESCa]`));
    } else if (b0 === 0x1b && b1 === 0x45) {
      out.push(line(hex(take(3)), `ESC E ${b2}  emphasised (bold) ${b2 & 1 ? 'on' : 'off'} [R-ESCE]`));
    } else if (b0 === 0x1b && b1 === 0x4a) {
      out.push(line(hex(take(3)), `ESC J ${b2}  print and feed ${b2} motion units [R-ESCJ]`));
    } else if (b0 === 0x1b && b1 === 0x64) {
      out.push(line(hex(take(3)), `ESC d ${b2}  print and feed ${b2} lines [R-ESCd]`));
    } else if (b0 === 0x1b && b1 === 0x25) {
      out.push(line(hex(take(3)), `ESC % ${b2}  user-defined characters ${b2 & 1 ? 'on' : 'off'} [R-ESC%]`));
    } else if (b0 === 0x1b && b1 === 0x26) {
      const [, , y = 0, c1 = 0, c2 = 0, x = 0] = take(6);
      if (c1 !== c2) throw new Error('ESC & with more than one character: extend this script');
      out.push(
        line(
          hex(Buffer.from([0x1b, 0x26, y, c1, c2, x])),
          `ESC & y=${y} c1=c2=${c1} (${String.fromCharCode(c1)}) x=${x}  define one ${x}x${y * 8} glyph [R-ESC&]`,
        ),
      );
      const data = take(x * y);
      out.push(line(hex(data), `the glyph, ${x} columns of ${y} bytes, top dot = MSB; drawn below [R-ESC&]`));
      for (let row = 0; row < y * 8; row++) {
        let dots = '';
        for (let col = 0; col < x; col++)
          dots += ((data[col * y + (row >> 3)] ?? 0) >> (7 - (row & 7))) & 1 ? '#' : '.';
        out.push(`#   ${dots}`);
      }
    } else if (b0 === 0x1d && b1 === 0x21) {
      out.push(
        line(hex(take(3)), `GS ! ${b2}  character size: width x${(b2 >> 4) + 1}, height x${(b2 & 15) + 1} [R-GS!]`),
      );
    } else if (b0 === 0x1d && b1 === 0x56) {
      out.push(line(hex(take(3)), `GS V ${b2}  cut (function A, m=${b2}: full cut) [R-GSV]`));
    } else if (b0 === 0x1d && b1 === 0x28 && b2 === 0x6b) {
      const length = (bytes[i + 3] ?? 0) + (bytes[i + 4] ?? 0) * 256;
      const head = take(5);
      const body = take(length);
      const fn = body[1] ?? 0;
      if (fn === 0x50) {
        const data = body.subarray(3).toString('latin1');
        out.push(
          line(hex(Buffer.concat([head, body.subarray(0, 3)])), `GS ( k fn 180  store ${data.length} bytes [R-GSk180]`),
        );
        out.push(`text ascii ${JSON.stringify(data)}`.padEnd(40) + ' ; the QR data');
      } else {
        const what: Record<number, string> = {
          0x41: `fn 165  QR model ${body[2] === 0x32 ? '2' : String(body[2])} [R-GSk165]`,
          0x43: `fn 167  module size ${body[2]} dots [R-GSk167]`,
          0x45: `fn 169  error correction ${'LMQH'[(body[2] ?? 48) - 48]} [R-GSk169]`,
          0x51: 'fn 181  print the stored symbol [R-GSk181]',
        };
        out.push(line(hex(Buffer.concat([head, body])), `GS ( k ${what[fn] ?? `fn ${fn}: unknown`}`));
      }
    } else if (b0 === 0x1d && b1 === 0x76 && b2 === 0x30) {
      const header = take(8);
      const widthBytes = (header[4] ?? 0) + (header[5] ?? 0) * 256;
      const rows = (header[6] ?? 0) + (header[7] ?? 0) * 256;
      out.push(
        line(
          hex(header),
          `GS v 0 m=${header[3]}  raster ${widthBytes} bytes (${widthBytes * 8} dots) x ${rows} rows [R-GSv0]`,
        ),
      );
      const data = take(widthBytes * rows);
      out.push(line(`data ${data.length} sha256 ${createHash('sha256').update(data).digest('hex')}`, 'raster payload'));
    } else if (b0 >= 0x20 && b0 !== 0x7f) {
      let end = i;
      while (end < bytes.length && (bytes[end] ?? 0) >= 0x20 && bytes[end] !== 0x7f) end++;
      const run = take(end - i);
      const text = iconv.decode(run, table?.iconv ?? 'cp437');
      const beyondAscii = [...new Set(text)]
        .filter((c) => c > '\u007e')
        .map((c) => `${c}=${hex(iconv.encode(c, table?.iconv ?? 'cp437'))}`);
      const note = beyondAscii.length > 0 ? `in ${table?.name}: ${beyondAscii.join(' ')}` : `${run.length} bytes`;
      out.push(`${`text ${table?.iconv} ${JSON.stringify(text)}`.padEnd(40)} ; ${note} [R-table]`);
    } else {
      throw new Error(`byte ${hex(Buffer.from([b0]))} at offset ${i}: not a command this script knows`);
    }
  }
  return out;
}

function draft(profileId: (typeof FIXTURE_PROFILES)[number], language: (typeof FIXTURE_LANGUAGES)[number]): string {
  const ticket = FIXTURE_TICKETS[language];
  const bytes = renderTicketBytes(ticket, printerProfile(profileId));
  return [
    `# DRAFT from scripts/draft-escpos-fixtures.ts: check every line against the reference before use.`,
    `# ${profileId} / ${language}: the ticket FIXTURE_TICKETS.${language} (test/fixtures/escpos/tickets.ts), ${bytes.length} bytes.`,
    ...draftListing(bytes),
    '',
  ].join('\n');
}

const args = process.argv.slice(2);
if (args[0] === '--stdout') {
  const [, profile, language] = args as [string, (typeof FIXTURE_PROFILES)[number], (typeof FIXTURE_LANGUAGES)[number]];
  process.stdout.write(draft(profile, language));
} else {
  for (const profile of FIXTURE_PROFILES) {
    mkdirSync(join(DRAFTS, profile), { recursive: true });
    for (const language of FIXTURE_LANGUAGES) {
      writeFileSync(join(DRAFTS, profile, `${language}.txt`), draft(profile, language));
    }
  }
  console.log(`drafts in ${DRAFTS}: compare with test/fixtures/escpos/ and check by hand before copying`);
}
