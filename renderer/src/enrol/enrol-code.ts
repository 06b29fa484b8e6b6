import { HALL_PAGE_OF_ROLE, KioskApiError, type HallDeviceRole } from '../../../main/contract';

/** The code a technician reads out: 8 digits, shown 4-4 (main/contract/hall.ts, EnrolCode). */
export const ENROL_CODE_DIGITS = 8;

/** The digits of what was typed or pasted (dashes, spaces and anything else dropped), at most 8. */
export function enrolCodeDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, ENROL_CODE_DIGITS);
}

/** "12345678" → "1234-5678"; a part typed so far reads the same way ("12345" → "1234-5"). */
export function formatEnrolCode(digits: string): string {
  return digits.length > 4 ? `${digits.slice(0, 4)}-${digits.slice(4)}` : digits;
}

/** What the enrol screen tells, by the refusal's code (texts: enrol `error.<kind>`). */
export type EnrolErrorKind = 'incomplete' | 'unknown-code' | 'wait' | 'failed';

export function enrolErrorKind(error: unknown): EnrolErrorKind {
  if (!(error instanceof KioskApiError)) return 'failed';
  switch (error.code) {
    // A wrong, used or expired code answers as a wrong PIN does, and is limited like one.
    case 'wrong-pin':
      return 'unknown-code';
    case 'pin-attempts-limited':
      return 'wait';
    case 'invalid-input':
      return 'incomplete';
    default:
      return 'failed';
  }
}

/** The pages a hall's devices open, each enrolled in the role whose calls it makes. */
export type EnrolPage = 'console' | 'display' | 'rating-tablet' | 'figures';

export const ROLE_OF_PAGE: Readonly<Record<EnrolPage, HallDeviceRole>> = {
  console: 'console',
  display: 'display',
  'rating-tablet': 'rating-tablet',
  // The day's figures are a console's calls (getDayReport, exportDayCsv).
  figures: 'console',
};

const NAME_OF_PAGE: Readonly<Record<EnrolPage, string>> = {
  console: 'Desk console',
  display: 'Hall display',
  'rating-tablet': 'Rating tablet',
  figures: 'Figures tablet',
};

/**
 * The name the device enrols under, as the technician reads it in `npm run hall -- devices`:
 * the page, and its desk when the page knows it ("Rating tablet, desk 2"). In English, as the
 * server's own lists are.
 */
export function deviceName(page: EnrolPage, deskId?: string | null): string {
  const name = NAME_OF_PAGE[page];
  return (deskId ? `${name}, desk ${deskId}` : name).slice(0, 60);
}

/** What the technician runs on the hall server for this page's code. */
export function enrolCommand(page: EnrolPage, name: string): string {
  return `npm run hall -- enrol-code --role ${ROLE_OF_PAGE[page]} --name "${name}"`;
}

/**
 * The address a device opens to enrol with a code it did not have to type: the page its role opens on
 * the server, the code in the fragment (never sent to the server, never in its logs). The technician
 * screen shows it as a QR code; null for roles without a page (kiosks, outside systems).
 */
export function enrolAddress(serverAddress: string, role: HallDeviceRole, code: string): string | null {
  const page = HALL_PAGE_OF_ROLE[role];
  if (!page) return null;
  return `${new URL(page, serverAddress.endsWith('/') ? serverAddress : `${serverAddress}/`).href}#enrol=${enrolCodeDigits(code)}`;
}

/** The code an address brought (`#enrol=12345678`), or null. */
export function enrolCodeFromFragment(hash: string): string | null {
  const digits = enrolCodeDigits(new URLSearchParams(hash.replace(/^#/, '')).get('enrol') ?? '');
  return digits.length === ENROL_CODE_DIGITS ? digits : null;
}
