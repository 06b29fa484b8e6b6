import type { HallDeviceRole, KioskCallName } from '../../contract';
import { VISIT_CALL_NAMES } from '../queue/visit-calls';

const READ_SETUP = ['getKioskInfo', 'getCatalog'] as const;
const RATE = ['findTicketForRating', 'submitRating', 'setRatingReasons', 'ratingOffered'] as const;

/**
 * What each enrolled device of a hall may ask its server: the least its job needs. A display's
 * credential reads calls and nothing else; a console's still needs its desk PIN for every desk call
 * (deskSignIn); nothing a device holds opens technician mode, which takes the technician PIN.
 */
export const CALLS_OF_ROLE: Readonly<Record<HallDeviceRole, ReadonlySet<KioskCallName>>> = {
  display: new Set([...READ_SETUP, 'listHallCalls', 'speak', 'listSpeechVoices']),
  'rating-tablet': new Set([...READ_SETUP, ...RATE]),
  kiosk: new Set([
    ...READ_SETUP,
    ...RATE,
    'getServiceAvailability',
    'getWaitEstimate',
    'hallKioskSetup',
    'hallIssueTicket',
    'hallHandOver',
  ]),
  // Every desk call but endVisit (an outside queue system's), with the day's tickets and figures.
  console: new Set([
    ...READ_SETUP,
    ...VISIT_CALL_NAMES.filter((name) => name !== 'endVisit'),
    'listTodayTickets',
    'getDayReport',
    'exportDayCsv',
  ]),
  'queue-system': new Set([...READ_SETUP, 'endVisit', 'listTodayTickets']),
};

/** Calls a hall server answers without a device credential: enrolling (the way to get one) and the setup the enrol page shows. */
export const CALLS_WITHOUT_DEVICE: ReadonlySet<KioskCallName> = new Set([
  'hallEnrol',
  'getKioskInfo',
  // A visitor's phone holds no credential, only its ticket's unguessable ref (main/core/hall/phone-calls.ts).
  'getPhoneTicket',
  'phoneRatingOffered',
  'ratePhoneTicket',
  // The phone page names the service in the visitor's language.
  'getCatalog',
]);

export const deviceMayCall = (role: HallDeviceRole, name: KioskCallName): boolean => CALLS_OF_ROLE[role].has(name);
