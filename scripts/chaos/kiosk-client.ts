/**
 * The chaos harness's only HTTP client of the kiosk's local API (`POST /api/call/<name>`), kept in
 * one module so a change to the calls (ratings stored at the tap, Host/Origin/Content-Type checks)
 * is adapted here once. It sends what a well-behaved client sends: JSON with its Content-Type, and
 * the kiosk's own address as Host (fetch derives it from the URL).
 */

/** A refusal the kiosk answered with, as `{ ok: false, error: { code, message } }`. */
export class CallRefused extends Error {
  constructor(
    readonly call: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${call} refused (${status} ${code}): ${message}`);
  }
}

interface Envelope<T> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

export async function call<T>(baseUrl: string, name: string, input: object = {}): Promise<T> {
  const response = await fetch(`${baseUrl}/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as Envelope<T>;
  if (!body.ok) throw new CallRefused(name, response.status, body.error?.code ?? '?', body.error?.message ?? '');
  return body.value as T;
}

/** The fields of a ticket the harness reads. */
export interface TicketSeen {
  id: number;
  number: string;
  localDay: string;
  state: string;
  printStatus: string;
  printError: string | null;
}

/** The calls a visitor's kiosk and a desk make, one function each. */
export const kiosk = {
  info: (url: string) => call<{ centreName: string }>(url, 'getKioskInfo'),
  issue: (url: string, serviceId: string, language: string) =>
    call<TicketSeen>(url, 'issueTicket', { serviceId, language }),
  today: (url: string) => call<TicketSeen[]>(url, 'listTodayTickets'),
  printerStatus: (url: string) => call<{ canPrint: boolean; problems: string[] }>(url, 'getPrinterStatus'),
  /** Ratings as today's API takes them: the score (and reasons) in one call after the visit ended. */
  rate: (url: string, ticketId: number, score: number) =>
    call<{ ticketId: number; score: number }>(url, 'submitRating', { ticketId, score, reasons: [] }),
  deskSignIn: (url: string, deskId: string, pin: string) => call<{ token: string }>(url, 'deskSignIn', { deskId, pin }),
  deskState: (url: string, token: string) => call<{ current: TicketSeen | null }>(url, 'getDeskState', { token }),
  callNext: (url: string, token: string) => call<TicketSeen | null>(url, 'callNext', { token }),
  start: (url: string, token: string) => call<TicketSeen>(url, 'startVisit', { token }),
  finish: (url: string, token: string) => call<TicketSeen>(url, 'finishVisit', { token }),
  noShow: (url: string, token: string) => call<TicketSeen>(url, 'markNoShow', { token }),
  technicianUnlock: (url: string, pin: string) => call<{ token: string }>(url, 'technicianUnlock', { pin }),
  getCatalog: (url: string) => call<unknown>(url, 'getCatalog'),
  previewCatalog: (url: string, token: string, text: string) =>
    call<{ problems: unknown[] }>(url, 'previewCatalogImport', { token, text, format: 'json' }),
  applyCatalog: (url: string, token: string, text: string) =>
    call<{ problems: unknown[] }>(url, 'applyCatalogImport', { token, text, format: 'json' }),
};
