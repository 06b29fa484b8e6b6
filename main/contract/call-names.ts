/*
 * The names of the contract's calls and their Electron IPC channels, as plain data: no zod, no
 * schema. The sandboxed preload bundles this file alone (a few KB instead of the whole contract
 * and zod) to hand the page one function per call; the main process still validates every input
 * against the schemas of main/contract/api.ts. api.ts checks at compile time that this list and
 * its `kioskCalls` hold exactly the same names.
 */
export const KIOSK_CALL_NAMES = [
  'getKioskInfo',
  'getCatalog',
  'getServiceAvailability',
  'issueTicket',
  'listTodayTickets',
  'endVisit',
  'submitRating',
  'getPrinterStatus',
  'reprintTicket',
  // Technician mode (technician.ts)
  'technicianUnlock',
  'changeTechnicianPin',
  'exportConfiguration',
  'importConfiguration',
  'listSerialPorts',
  'readLog',
  'getSettings',
  'updateSettings',
  'previewCatalogImport',
  'applyCatalogImport',
  'testPrint',
  'getDiagnostics',
  // Desks, hall display, rating by number, the day's figures (visits.ts)
  'setDeskPin',
  'deskSignIn',
  'deskSignOut',
  'getDeskState',
  'callNext',
  'recallTicket',
  'startVisit',
  'finishVisit',
  'markNoShow',
  'transferVisit',
  'listHallCalls',
  'getWaitEstimate',
  'findTicketForRating',
  'setRatingReasons',
  'ratingOffered',
  'getDayReport',
  'exportDayCsv',
  'printDaySummary',
  // Speech (speech.ts)
  'speak',
  'listSpeechVoices',
  // Kiosks of a hall asking their server (hall.ts)
  'hallKioskSetup',
  'hallIssueTicket',
  'hallHandOver',
  'hallEnrol',
  'hallNewEnrolCode',
  'hallListDevices',
  'hallRevokeDevice',
  'getPhoneTicket',
  'phoneRatingOffered',
  'ratePhoneTicket',
] as const;

export type KioskCallName = (typeof KIOSK_CALL_NAMES)[number];

/** Channel names shared by the Electron preload and main process. */
export const ipcChannel = {
  call: (name: KioskCallName) => `kiosk:call:${name}`,
  event: 'kiosk:event',
} as const;
