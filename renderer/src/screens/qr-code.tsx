import QRCode from 'qrcode';
import { useMemo } from 'react';

/** Quiet zone around the symbol, in modules, as QR readers expect. */
const QUIET_MODULES = 4;

/**
 * A ticket's QR code drawn as SVG (one path of unit squares): the same symbol the printer would
 * print, so a desk scanner reads it off the screen or off a photo of it.
 */
export function QrCode({ data, label, testId = 'ticket-qr' }: { data: string; label: string; testId?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
    const squares: string[] = [];
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) {
        if (modules.get(y, x)) squares.push(`M${x + QUIET_MODULES} ${y + QUIET_MODULES}h1v1h-1z`);
      }
    }
    return { size: modules.size + 2 * QUIET_MODULES, path: squares.join('') };
  }, [data]);
  return (
    <svg
      className="qr-code"
      data-testid={testId}
      data-qr-content={data}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
