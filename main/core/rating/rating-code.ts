/** What a visitor gave to find their visit: a number typed on the kiosk, or a ticket's QR code. */
export type RatingCode = TicketNumberCode | { ref: string };

/** A ticket's number, typed or from a QR code of the kiosk's own form. */
export interface TicketNumberCode {
  group: string;
  sequence: number;
  /** As shown back in a refusal. */
  display: string;
  /** From a QR code only: the kiosk and the local day it names. */
  kioskId?: string;
  localDay?: string;
}

/**
 * Cyrillic capitals that look like the Latin group letters: a visitor typing on a Russian or
 * Kazakh layout writes "А-001" with a Cyrillic А, which must find A-001.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Т: 'T',
  Х: 'X',
};

const TYPED_NUMBER = /^([A-Z]{1,3})[-–— ]*(\d{1,6})$/;
/** ticketQrContent in main/contract/ticket.ts: KIOSK-TICKET:<kiosk>:<YYYY-MM-DD>:<number>. */
const QR_CONTENT = /^KIOSK-TICKET:([A-Za-z0-9-]+):(\d{4}-\d{2}-\d{2}):(.+)$/;

/** A hall's phone page address (phoneLink in main/contract/ticket.ts): …/t/<ticket ref, a UUID>. */
const PHONE_LINK =
  /^https?:\/\/[^\s/]+\/(?:[^\s]*\/)?t\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Reads "a-001", "A001", " A-001 ", "А 1", a ticket QR code or a phone page link; undefined when it is none. */
export function parseRatingCode(code: string): RatingCode | undefined {
  const trimmed = code.trim();
  const link = PHONE_LINK.exec(trimmed);
  if (link) return { ref: link[1]!.toLowerCase() };
  const qr = QR_CONTENT.exec(trimmed);
  if (qr) {
    const number = parseTypedNumber(qr[3]!);
    return number && { ...number, kioskId: qr[1]!, localDay: qr[2]! };
  }
  return parseTypedNumber(trimmed);
}

function parseTypedNumber(typed: string): TicketNumberCode | undefined {
  const latin = [...typed.trim().toUpperCase()].map((letter) => LOOK_ALIKES[letter] ?? letter).join('');
  const match = TYPED_NUMBER.exec(latin);
  if (!match) return undefined;
  const group = match[1]!;
  const sequence = Number(match[2]);
  return { group, sequence, display: `${group}-${match[2]}` };
}
