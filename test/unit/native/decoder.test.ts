import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodedText, decodeEscPos, EscPosStreamDecoder, type EscPosOp } from '../../../native/escpos/decoder';

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const LF = 0x0a;

const bytes = (...parts: (number | number[] | Buffer | string)[]): Buffer =>
  Buffer.concat(
    parts.map((part) =>
      typeof part === 'number'
        ? Buffer.from([part])
        : typeof part === 'string'
          ? Buffer.from(part, 'latin1')
          : Buffer.from(part),
    ),
  );

describe('decodeEscPos: one command at a time', () => {
  it.each<[string, Buffer, EscPosOp]>([
    ['ESC @', bytes(ESC, 0x40), { kind: 'init' }],
    ['ESC t 17', bytes(ESC, 0x74, 17), { kind: 'codePage', number: 17, encoding: 'cp866' }],
    ['ESC t 53', bytes(ESC, 0x74, 53), { kind: 'codePage', number: 53, encoding: 'rk1048' }],
    ['ESC t of an unknown table', bytes(ESC, 0x74, 99), { kind: 'codePage', number: 99, encoding: null }],
    ['ESC a 1', bytes(ESC, 0x61, 1), { kind: 'align', align: 'center' }],
    ['ESC a 50', bytes(ESC, 0x61, 50), { kind: 'align', align: 'right' }],
    ['ESC a 0', bytes(ESC, 0x61, 0), { kind: 'align', align: 'left' }],
    ['ESC E 1', bytes(ESC, 0x45, 1), { kind: 'bold', on: true }],
    ['ESC E 0', bytes(ESC, 0x45, 0), { kind: 'bold', on: false }],
    ['GS ! 0x44', bytes(GS, 0x21, 0x44), { kind: 'size', width: 5, height: 5 }],
    ['GS ! 0x10', bytes(GS, 0x21, 0x10), { kind: 'size', width: 2, height: 1 }],
    [
      'ESC ! 0x38',
      bytes(ESC, 0x21, 0x38),
      { kind: 'printMode', fontB: false, bold: true, doubleHeight: true, doubleWidth: true, underline: false },
    ],
    ['LF', bytes(LF), { kind: 'lineFeed' }],
    ['ESC d 4', bytes(ESC, 0x64, 4), { kind: 'feedLines', lines: 4 }],
    ['ESC J 20', bytes(ESC, 0x4a, 20), { kind: 'feedDots', dots: 20 }],
    ['GS V 0', bytes(GS, 0x56, 0), { kind: 'cut', partial: false, feedDots: 0 }],
    ['GS V 1', bytes(GS, 0x56, 1), { kind: 'cut', partial: true, feedDots: 0 }],
    ['GS V 66 10', bytes(GS, 0x56, 66, 10), { kind: 'cut', partial: true, feedDots: 10 }],
    ['DLE EOT 1', bytes(DLE, 0x04, 1), { kind: 'statusQuery', command: 'DLE EOT', n: 1 }],
    ['DLE EOT 4', bytes(DLE, 0x04, 4), { kind: 'statusQuery', command: 'DLE EOT', n: 4 }],
    ['GS r 1', bytes(GS, 0x72, 1), { kind: 'statusQuery', command: 'GS r', n: 1 }],
    ['ESC M 1', bytes(ESC, 0x4d, 1), { kind: 'setting', command: 'ESC M', params: [1] }],
    ['GS h 80', bytes(GS, 0x68, 80), { kind: 'setting', command: 'GS h', params: [80] }],
  ])('%s', (_name, input, expected) => {
    expect(decodeEscPos(input)).toEqual([expected]);
  });

  it('reads a GS v 0 raster image with its size and bits', () => {
    const data = [0xff, 0x00, 0x81, 0x7e, 0x0f, 0xf0];
    const ops = decodeEscPos(bytes(GS, 0x76, 0x30, 0, 2, 0, 3, 0, data));
    expect(ops).toEqual([{ kind: 'raster', mode: 0, widthBytes: 2, height: 3, data: Buffer.from(data) }]);
  });

  it('reads the QR code sequence of GS ( k and gives the stored data to the print command', () => {
    const content = 'kiosk-1/2025-03-05/A-007';
    const store = Buffer.from(content);
    const ops = decodeEscPos(
      bytes(
        [GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0], // model 2
        [GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, 6], // module size 6
        [GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31], // error correction M
        [GS, 0x28, 0x6b, (store.length + 3) & 0xff, (store.length + 3) >> 8, 0x31, 0x50, 0x30],
        store,
        [GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30], // print
      ),
    );
    expect(ops).toEqual([
      { kind: 'qrModel', model: 2 },
      { kind: 'qrModuleSize', dots: 6 },
      { kind: 'qrErrorCorrection', level: 'M' },
      { kind: 'qrStore', data: content },
      { kind: 'qrPrint', data: content, model: 2, moduleSize: 6, errorCorrection: 'M' },
    ]);
  });

  it('reads barcodes in both GS k forms', () => {
    expect(decodeEscPos(bytes(GS, 0x6b, 4, '*A-007*', 0))).toEqual([{ kind: 'barcode', system: 4, data: '*A-007*' }]);
    expect(decodeEscPos(bytes(GS, 0x6b, 73, 7, '{BA-007'))).toEqual([{ kind: 'barcode', system: 73, data: '{BA-007' }]);
  });

  it('reports bytes it does not understand with their offset instead of dropping them', () => {
    const ops = decodeEscPos(bytes('ab', ESC, 0x7e, 0x07, 'c'));
    expect(ops).toEqual([
      { kind: 'text', text: 'ab' },
      { kind: 'unknown', offset: 2, bytes: Buffer.from([ESC, 0x7e]), reason: 'unsupported ESC command' },
      { kind: 'unknown', offset: 4, bytes: Buffer.from([0x07]), reason: 'control byte' },
      { kind: 'text', text: 'c' },
    ]);
  });

  it('reports a command cut off by the end of the stream', () => {
    expect(decodeEscPos(bytes(GS, 0x76, 0x30, 0, 2, 0, 3, 0, 0xff))).toEqual([
      {
        kind: 'unknown',
        offset: 0,
        bytes: bytes(GS, 0x76, 0x30, 0, 2, 0, 3, 0, 0xff),
        reason: 'stream ended inside raster data',
      },
    ]);
  });
});

describe('decodeEscPos: text in code pages', () => {
  it('decodes text with the code page selected before it and splits lines at LF', () => {
    const ops = decodeEscPos(
      bytes(
        [ESC, 0x74, 17],
        iconv.encode('Выдача паспорта', 'cp866'),
        LF,
        [ESC, 0x74, 53],
        iconv.encode('Жеке куәлік беру', 'rk1048'),
        LF,
        [ESC, 0x74, 48],
        iconv.encode('Şimal ğ ı İ', 'windows1254'),
        LF,
      ),
    );
    expect(ops.filter((op) => op.kind === 'text')).toEqual([
      { kind: 'text', text: 'Выдача паспорта' },
      { kind: 'text', text: 'Жеке куәлік беру' },
      { kind: 'text', text: 'Şimal ğ ı İ' },
    ]);
    expect(decodedText(ops)).toEqual(['Выдача паспорта', 'Жеке куәлік беру', 'Şimal ğ ı İ']);
  });

  it('falls back to PC437 after ESC @, as the printer does', () => {
    const cyrillicBytes = iconv.encode('Да', 'cp866');
    const ops = decodeEscPos(bytes([ESC, 0x74, 17], cyrillicBytes, LF, [ESC, 0x40], cyrillicBytes, LF));
    expect(decodedText(ops)).toEqual(['Да', iconv.decode(cyrillicBytes, 'cp437')]);
  });

  it('shows bytes of an unknown code page as replacement characters, keeping ASCII', () => {
    expect(decodedText(decodeEscPos(bytes([ESC, 0x74, 99], 'A', 0xe9, LF)))).toEqual(['A\uFFFD']);
  });

  it('joins the text of a line across style changes and leaves blank lines out', () => {
    const ops = decodeEscPos(bytes('A', [ESC, 0x45, 1], 'B', LF, LF, [ESC, 0x64, 2], 'C', [GS, 0x56, 0]));
    expect(decodedText(ops)).toEqual(['AB', 'C']);
  });
});

describe('EscPosStreamDecoder', () => {
  it('decodes a stream cut into one-byte chunks exactly like the whole buffer', () => {
    const content = Buffer.from('A-007');
    const whole = bytes(
      [ESC, 0x40, ESC, 0x74, 17],
      iconv.encode('Выдача', 'cp866'),
      LF,
      [GS, 0x76, 0x30, 0, 1, 0, 2, 0, 0xaa, 0x55],
      [GS, 0x28, 0x6b, content.length + 3, 0, 0x31, 0x50, 0x30],
      content,
      [GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
      [GS, 0x56, 0],
    );
    const decoder = new EscPosStreamDecoder();
    const pieces = [...whole].flatMap((byte) => decoder.push(Buffer.from([byte])));
    pieces.push(...decoder.end());
    expect(pieces.map((piece) => piece.op)).toEqual(decodeEscPos(whole));
    expect(Buffer.concat(pieces.map((piece) => piece.bytes))).toEqual(whole);
  });

  it('holds back an unfinished command until the rest arrives', () => {
    const decoder = new EscPosStreamDecoder();
    expect(decoder.push(Buffer.from([GS, 0x56]))).toEqual([]);
    expect(decoder.push(Buffer.from([0]))).toEqual([
      { op: { kind: 'cut', partial: false, feedDots: 0 }, bytes: Buffer.from([GS, 0x56, 0]) },
    ]);
  });

  it('gives a large bitmap arriving in small serial reads as one raster op once its last byte is in', () => {
    const data = Buffer.alloc(72 * 255, 0x5a);
    const whole = bytes([GS, 0x76, 0x30, 0, 72, 0, 255, 0], data, LF);
    const decoder = new EscPosStreamDecoder();
    const received: EscPosOp[] = [];
    for (let at = 0; at < whole.length; at += 7) {
      const ops = decoder.push(whole.subarray(at, at + 7)).map((command) => command.op);
      if (at + 7 < whole.length - 1) expect(ops).toEqual([]);
      received.push(...ops);
    }
    expect(received).toEqual([{ kind: 'raster', mode: 0, widthBytes: 72, height: 255, data }, { kind: 'lineFeed' }]);
  });
});
