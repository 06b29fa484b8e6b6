import type { PrinterStatus } from '../../main/contract';

/*
 * Status bytes of Epson-compatible printers (ESC/POS reference, DLE EOT and GS a). The printer
 * sends them unasked (GS a) or as answers (DLE EOT), mixed with XON/XOFF: each kind is told apart
 * by its fixed bits.
 */

export const DLE_EOT = (n: 1 | 2 | 3 | 4): Buffer => Buffer.from([0x10, 0x04, n]);
/** GS a n: automatic status back for online/offline (bit 1), errors (bit 2) and the paper sensors (bit 3). */
export const ENABLE_AUTOMATIC_STATUS_BACK = Buffer.from([0x1d, 0x61, 0x0e]);
export const XON = 0x11;
export const XOFF = 0x13;

/** DLE EOT replies are 0xx1xx10. */
export const isDleEotReply = (byte: number): boolean => (byte & 0x93) === 0x12;
/** The first byte of a GS a status is 0xx1xx00; the three after it have bit 4 clear. */
export const isAutomaticStatusStart = (byte: number): boolean => (byte & 0x93) === 0x10;

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

export type StatusReply =
  | { kind: 'dleEot'; byte: number }
  | { kind: 'automatic'; bytes: [number, number, number, number] }
  | { kind: 'xon' }
  | { kind: 'xoff' }
  | { kind: 'unexpected'; byte: number };

/** Splits what a printer sends back into replies; a GS a status may arrive split across reads. */
export class StatusReplyParser {
  private automatic: number[] | null = null;

  push(chunk: Uint8Array): StatusReply[] {
    const replies: StatusReply[] = [];
    for (const byte of chunk) {
      // XON/XOFF may come even inside a GS a status; its later bytes have bit 4 clear, so they are never 0x11 or 0x13.
      if (byte === XON) replies.push({ kind: 'xon' });
      else if (byte === XOFF) replies.push({ kind: 'xoff' });
      else if (this.automatic) {
        this.automatic.push(byte);
        if (this.automatic.length === 4) {
          replies.push({ kind: 'automatic', bytes: this.automatic as [number, number, number, number] });
          this.automatic = null;
        }
      } else if (isAutomaticStatusStart(byte)) this.automatic = [byte];
      else if (isDleEotReply(byte)) replies.push({ kind: 'dleEot', byte });
      else replies.push({ kind: 'unexpected', byte });
    }
    return replies;
  }
}

/** The replies to DLE EOT 1, 2, 3 and 4, in that order; a missing one leaves its facts unknown. */
export interface DleEotReplies {
  printer?: number;
  offlineCause?: number;
  errorCause?: number;
  paperSensor?: number;
}

export type StatusFacts = Omit<PrinterStatus, 'checkedAt' | 'detail'>;

/** Reads the four real-time status bytes: n=1 printer, n=2 offline cause, n=3 error cause, n=4 paper. */
export function statusFromDleEot(replies: DleEotReplies): StatusFacts {
  const { printer, offlineCause, errorCause, paperSensor } = replies;
  let paper: StatusFacts['paper'] = 'unknown';
  if (paperSensor !== undefined) {
    // Bits 5 and 6: roll paper end; bits 2 and 3: roll near end.
    if (bit(paperSensor, 5) || bit(paperSensor, 6)) paper = 'out';
    else if (bit(paperSensor, 2) || bit(paperSensor, 3)) paper = 'near-end';
    else paper = 'ok';
  }
  if (paper !== 'out' && offlineCause !== undefined && bit(offlineCause, 5)) paper = 'out';
  return {
    connection: printer === undefined ? 'no-reply' : bit(printer, 3) ? 'offline' : 'online',
    paper,
    coverOpen: offlineCause !== undefined && bit(offlineCause, 2),
    cutterError: errorCause !== undefined && bit(errorCause, 3),
    otherError: errorCause !== undefined && (bit(errorCause, 5) || bit(errorCause, 6)),
  };
}

/** Reads a GS a automatic status: byte 1 offline/cover, byte 2 errors, byte 3 paper sensors. */
export function statusFromAutomatic([first, second, third]: readonly number[]): StatusFacts {
  const s1 = first ?? 0;
  const s2 = second ?? 0;
  const s3 = third ?? 0;
  let paper: StatusFacts['paper'] = 'ok';
  if (bit(s3, 2) || bit(s3, 3)) paper = 'out';
  else if (bit(s3, 0) || bit(s3, 1)) paper = 'near-end';
  return {
    connection: bit(s1, 3) ? 'offline' : 'online',
    paper,
    coverOpen: bit(s1, 5),
    cutterError: bit(s2, 3),
    otherError: bit(s2, 2) || bit(s2, 5) || bit(s2, 6),
  };
}
