import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { printerProfile } from '../../../native/printer/profiles';
import { renderTicketBytes } from '../../../native/printer/ticket-layout';
import { firstDifference, parseListing, type ListingItem } from '../../fixtures/escpos/listing';
import { FIXTURE_LANGUAGES, FIXTURE_PROFILES, FIXTURE_TICKETS, fixturePath } from '../../fixtures/escpos/tickets';

/*
 * The encoder against listings checked by hand against Epson's command reference
 * (test/fixtures/escpos/README.md), not against our own decoder: an encoder bug that the decoder
 * mirrors still fails here.
 */

const listing = (profile: string, language: string): ListingItem[] =>
  parseListing(readFileSync(fixturePath(profile, language), 'utf8'));

describe.each(FIXTURE_PROFILES)('on the %s profile', (profileId) => {
  it.each(FIXTURE_LANGUAGES)('the %s ticket is sent exactly as its listing says', (language) => {
    const sent = renderTicketBytes(FIXTURE_TICKETS[language], printerProfile(profileId));
    expect(firstDifference(listing(profileId, language), sent)).toBeNull();
  });
});

describe('the raster QR code of the 58 mm listings', () => {
  it('is the QR symbol of the ticket data, drawn apart from the encoder (qrcode library, 4-dot modules, level M)', () => {
    const data = FIXTURE_TICKETS.en.qrContent;
    const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
    const dots = modules.size * 4;
    const widthBytes = Math.ceil(dots / 8);
    const raster = Buffer.alloc(widthBytes * dots);
    for (let y = 0; y < dots; y++) {
      for (let x = 0; x < dots; x++) {
        const index = y * widthBytes + (x >> 3);
        if (modules.get(Math.floor(y / 4), Math.floor(x / 4))) raster[index] = (raster[index] ?? 0) | (0x80 >> (x & 7));
      }
    }
    const expected = { length: raster.length, sha256: createHash('sha256').update(raster).digest('hex') };
    expect(modules.size).toBe(29);
    for (const language of FIXTURE_LANGUAGES) {
      const items = listing('generic-58mm', language);
      const digests = items.filter((item) => item.kind === 'digest');
      expect(digests.at(-1), language).toMatchObject(expected);
      // The header before it: GS v 0, normal mode, 15 bytes (120 dots) wide, 116 rows.
      const header = items[items.indexOf(digests.at(-1) as ListingItem) - 1];
      expect(header?.kind === 'bytes' && [...header.bytes]).toEqual([0x1d, 0x76, 0x30, 0, 15, 0, 116, 0]);
    }
  });
});

describe('the listing reader', () => {
  const ok = ['1B 40 ; ESC @', '1B 74 0D ; ESC t 13', 'text cp857 "Bakı" ; ı=8D'].join('\n');

  it('reads hex and text in the selected table', () => {
    const items = parseListing(ok);
    expect(Buffer.concat(items.map((item) => (item.kind === 'bytes' ? item.bytes : Buffer.alloc(0))))).toEqual(
      Buffer.from([0x1b, 0x40, 0x1b, 0x74, 0x0d, 0x42, 0x61, 0x6b, 0x8d]),
    );
  });

  it('refuses text in another encoding than the last ESC t selected', () => {
    expect(() => parseListing(ok.replace('1B 74 0D', '1B 74 30'))).toThrow(
      'line 3: text in cp857, but the last ESC t selected windows1254',
    );
  });

  it('refuses text the named code page cannot hold, instead of listing a "?"', () => {
    expect(() => parseListing(ok.replace('Bakı', 'Bakə'))).toThrow('line 3: cp857 does not hold all of this text');
  });

  it('refuses raster data whose length disagrees with its GS v 0 header', () => {
    const raster = ['1D 76 30 00 02 00 03 00 ; 2 bytes x 3 rows', `data 5 sha256 ${'0'.repeat(64)}`].join('\n');
    expect(() => parseListing(raster)).toThrow('line 2: GS v 0 says 2 x 3 bytes, the data line 5');
  });

  it('names the listing line where one sent byte differs, and reports bytes past the end', () => {
    const items = parseListing(ok);
    const right = Buffer.from([0x1b, 0x40, 0x1b, 0x74, 0x0d, 0x42, 0x61, 0x6b, 0x8d]);
    expect(firstDifference(items, right)).toBeNull();
    const wrongPage = Buffer.from(right);
    wrongPage[4] = 0x30;
    expect(firstDifference(items, wrongPage)).toBe('line 2, byte offset 2: listed 1B 74 0D, sent 1B 74 30 42 61 6B 8D');
    expect(firstDifference(items, Buffer.concat([right, Buffer.from([0x0a])]))).toBe(
      'the listing ends at byte 9, but 1 more were sent: 0A',
    );
  });
});
