import type { Logger } from 'pino';
import type { CallInput, CallOutput } from '../contract';
import type { KioskConfig } from '../core/config';
import { KioskError } from '../core/errors';
import type { KioskCore } from '../core/kiosk-core';
import type { KioskStore } from '../core/ports';
import { readHallCredential } from './hall-credential';
import { HallLink } from './hall-link';

/**
 * A kiosk of a hall (enrolled with a hall server, or `hall.server` and `hall.token` set; not the
 * server itself): its link to the server; null otherwise. The enrolled credential comes first.
 */
export function hallLinkOf(config: KioskConfig, store: KioskStore, dataDir: string, logger: Logger): HallLink | null {
  if (config.role === 'hall-server') return null;
  const credential = readHallCredential(dataDir);
  const server = credential?.server ?? config.hall.server;
  const token = credential?.token ?? config.hall.token;
  if (server === null) return null;
  if (token === null) {
    logger.warn(
      { event: 'hall-not-enrolled', server },
      `hall.server is set but this kiosk is not enrolled with it: run npm run enrol -- --hall ${server} --code <code>`,
    );
  }
  return new HallLink({
    server,
    fingerprint: credential?.fingerprint ?? null,
    token: token ?? '',
    kioskId: config.kioskId,
    timeoutMs: config.hall.timeoutMs,
    store,
    dataDir,
    log: (event, detail, message, level = 'warn') => logger[level]({ event, ...detail }, message),
  });
}

/** Calls a kiosk of a hall answers from its server alone: the visits and ratings are the hall's. */
const HALL_ONLY = ['findTicketForRating', 'submitRating', 'setRatingReasons', 'ratingOffered'] as const;

/**
 * A kiosk of a hall shows the hall's availability and wait (its server holds the queue), and its own
 * view when the server cannot be reached: the visitor is served either way. A visit is rated at the
 * server, which holds it (whichever desk ended it, on whichever kiosk it is rated, once); cut off, the
 * visitor is told to try again or rate at a desk's tablet.
 */
export function askingTheHall<C extends Pick<KioskCore, 'handlers'>>(core: C, link: HallLink): C {
  const local = core.handlers;
  const fromTheHall =
    <N extends 'getServiceAvailability' | 'getWaitEstimate'>(name: N) =>
    async (input: CallInput<N>): Promise<CallOutput<N>> => {
      const answer = await link.ask(name, input);
      return answer === 'unreachable' ? local[name](input) : answer;
    };
  const onlyFromTheHall =
    <N extends (typeof HALL_ONLY)[number]>(name: N) =>
    async (input: CallInput<N>): Promise<CallOutput<N>> => {
      const answer = await link.ask(name, input);
      if (answer === 'unreachable') throw new KioskError('hall-unreachable', 'the hall server cannot be reached now');
      return answer;
    };
  return {
    ...core,
    handlers: {
      ...local,
      // The phone page's address comes from the server: the kiosk's screen links its QR codes to it.
      getKioskInfo: async (input) => ({ ...(await local.getKioskInfo(input)), phoneUrl: link.phoneUrl() }),
      getServiceAvailability: fromTheHall('getServiceAvailability'),
      getWaitEstimate: fromTheHall('getWaitEstimate'),
      ...Object.fromEntries(HALL_ONLY.map((name) => [name, onlyFromTheHall(name)])),
    },
  };
}
