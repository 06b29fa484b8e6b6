/** A 1-bit image: `ink[y * width + x]` is 1 where the printer burns a dot. */
export interface MonoBitmap {
  width: number;
  height: number;
  ink: Uint8Array;
}

export interface InkBounds {
  left: number;
  top: number;
  /** Exclusive. */
  right: number;
  /** Exclusive. */
  bottom: number;
}

/** Thresholds RGBA pixels on white paper: transparent counts as paper, dark as ink. */
export function monoBitmapFromRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  threshold = 128,
): MonoBitmap {
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) {
    const alpha = (rgba[i * 4 + 3] ?? 0) / 255;
    const luminance =
      0.2126 * (rgba[i * 4] ?? 255) + 0.7152 * (rgba[i * 4 + 1] ?? 255) + 0.0722 * (rgba[i * 4 + 2] ?? 255);
    const onPaper = luminance * alpha + 255 * (1 - alpha);
    ink[i] = onPaper < threshold ? 1 : 0;
  }
  return { width, height, ink };
}

/** The smallest box holding all ink, or null for a blank image. */
export function inkBounds(bitmap: MonoBitmap): InkBounds | null {
  let left = bitmap.width;
  let top = bitmap.height;
  let right = 0;
  let bottom = 0;
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (bitmap.ink[y * bitmap.width + x] !== 1) continue;
      left = Math.min(left, x);
      right = Math.max(right, x + 1);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y + 1);
    }
  }
  return right === 0 ? null : { left, top, right, bottom };
}

export function cropBitmap(bitmap: MonoBitmap, box: InkBounds): MonoBitmap {
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (box.top + y) * bitmap.width + box.left;
    ink.set(bitmap.ink.subarray(from, from + width), y * width);
  }
  return { width, height, ink };
}

/** Packs rows MSB-first, 8 dots a byte, padding the last byte of each row with paper. */
export function packRows(bitmap: MonoBitmap): { widthBytes: number; data: Buffer } {
  const widthBytes = Math.ceil(bitmap.width / 8);
  const data = Buffer.alloc(widthBytes * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (bitmap.ink[y * bitmap.width + x] === 1) {
        const index = y * widthBytes + (x >> 3);
        data[index] = (data[index] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return { widthBytes, data };
}

/**
 * `GS v 0` commands printing the bitmap, in bands of at most maxBandRows rows: many printers
 * print garbage for one image of 256 rows or more.
 */
export function rasterBandCommands(bitmap: MonoBitmap, maxBandRows: number): Buffer {
  const { widthBytes, data } = packRows(bitmap);
  const commands: Buffer[] = [];
  for (let top = 0; top < bitmap.height; top += maxBandRows) {
    const rows = Math.min(maxBandRows, bitmap.height - top);
    const header = Buffer.from([0x1d, 0x76, 0x30, 0, widthBytes & 0xff, widthBytes >> 8, rows & 0xff, rows >> 8]);
    commands.push(header, data.subarray(top * widthBytes, (top + rows) * widthBytes));
  }
  return Buffer.concat(commands);
}
