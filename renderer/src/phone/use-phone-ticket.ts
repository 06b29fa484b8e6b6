import { useCallback, useEffect, useRef, useState } from 'react';
import { KioskApiError, type KioskApi, type PhoneTicket } from '../../../main/contract';
import { nextPollMs, type Known, type PollOutcome } from './phone-view';

export interface FollowedTicket {
  /** What the page knows; null: the page has no ticket to follow (no ref in its address). */
  known: Known | null;
  /** The last question went unanswered: the page keeps what it knew and asks again. */
  offline: boolean;
  /** A fresher ticket, from the page's own rating call: shown at once, and an older answer on its way is dropped. */
  accept: (ticket: PhoneTicket) => void;
  /** Asks now (after a refused rating, say). */
  refresh: () => void;
}

/**
 * Follows the ticket by asking the hall server every few seconds (nextPollMs), never while the page
 * is hidden: a phone in a pocket asks nothing, and asks at once when it is looked at again.
 */
export function usePhoneTicket(api: KioskApi, ref: string | null): FollowedTicket {
  const [known, setKnown] = useState<Known | null>(ref === null ? null : { kind: 'loading' });
  const [offline, setOffline] = useState(false);
  // Bumped by every ticket the page takes in: an answer asked for before a newer one is stale.
  const version = useRef(0);
  const pollNow = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (ref === null) return;
    let stopped = false;
    let timer: number | undefined;
    let failures = 0;
    let asking = false;
    let askAgain = false;

    const schedule = (ms: number | null) => {
      window.clearTimeout(timer);
      if (ms !== null && document.visibilityState !== 'hidden') timer = window.setTimeout(() => void poll(), ms);
    };

    const poll = async (): Promise<void> => {
      window.clearTimeout(timer);
      if (asking) {
        askAgain = true;
        return;
      }
      asking = true;
      const asked = version.current;
      let outcome: PollOutcome;
      try {
        outcome = { kind: 'ticket', ticket: await api.getPhoneTicket({ ref }) };
      } catch (error) {
        const notFound = error instanceof KioskApiError && error.code === 'ticket-not-found';
        if (!notFound) console.error('phone: getPhoneTicket failed', error);
        outcome = notFound ? { kind: 'not-found' } : { kind: 'failed', failures: ++failures };
      }
      asking = false;
      if (stopped) return;
      if (outcome.kind === 'failed') {
        setOffline(true);
      } else {
        failures = 0;
        setOffline(false);
        if (asked === version.current) {
          version.current += 1;
          setKnown(outcome);
        }
      }
      if (askAgain) {
        askAgain = false;
        void poll();
        return;
      }
      schedule(nextPollMs(outcome));
    };

    const onVisibility = () => {
      if (document.visibilityState === 'hidden') window.clearTimeout(timer);
      else void poll();
    };
    pollNow.current = () => void poll();
    document.addEventListener('visibilitychange', onVisibility);
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      pollNow.current = () => undefined;
    };
  }, [api, ref]);

  const accept = useCallback((ticket: PhoneTicket) => {
    version.current += 1;
    setKnown({ kind: 'ticket', ticket });
    setOffline(false);
  }, []);
  const refresh = useCallback(() => pollNow.current(), []);

  return { known, offline, accept, refresh };
}
