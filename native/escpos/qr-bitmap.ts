import QRCode from 'qrcode';
import type { QrErrorCorrection } from './decoder';
import type { MonoBitmap } from './raster';

/** The QR symbol a printer would print for `GS ( k`, moduleDots dots per module, no quiet zone. */
export function qrBitmap(data: string, moduleDots: number, errorCorrection: QrErrorCorrection): MonoBitmap {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: errorCorrection });
  const size = modules.size * moduleDots;
  const ink = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      ink[y * size + x] = modules.get(Math.floor(y / moduleDots), Math.floor(x / moduleDots)) ? 1 : 0;
    }
  }
  return { width: size, height: size, ink };
}
