import { useEffect, useState } from 'react';
import type { KioskApi, ServiceAvailability, WaitEstimate } from '../../main/contract';

/** Whether the service takes visitors now, as the service page shows it. */
export type AvailabilityCheck = { state: 'checking' } | { state: 'failed' } | ServiceAvailability;

/** A ticket asked for while the wait is long, held until the visitor confirms it. */
export interface LongWait {
  priority?: string;
  minutes: number;
}

const CHECKING: AvailabilityCheck = { state: 'checking' };

export interface ServicePage {
  availability: AvailabilityCheck;
  /** The wait if a ticket were taken now; null while asked, or when it could not be (the page works without it). */
  estimate: WaitEstimate | null;
  longWait: LongWait | null;
  /** Takes the ticket at once, or first asks "Take a ticket anyway?" when the wait is long. */
  takeTicket(priority?: string): void;
  confirmLongWait(): void;
  cancelLongWait(): void;
}

/**
 * What the service page shows beyond the catalog: its availability and wait, asked when the page
 * opens (`serviceId` null: no service page is shown), and the long-wait question before a ticket.
 * `issue` is called with the ticket the visitor confirmed.
 */
export function useServicePage(
  api: KioskApi,
  serviceId: string | null,
  issue: (serviceId: string, priority?: string) => void,
): ServicePage {
  // Each answer is kept with the service it is for, so another page never shows a stale one.
  const [checked, setChecked] = useState<{ serviceId: string; availability: AvailabilityCheck } | null>(null);
  const [estimated, setEstimated] = useState<{ serviceId: string; estimate: WaitEstimate } | null>(null);
  const [asked, setAsked] = useState<{ serviceId: string; longWait: LongWait } | null>(null);
  const availability = checked !== null && checked.serviceId === serviceId ? checked.availability : CHECKING;
  const estimate = estimated !== null && estimated.serviceId === serviceId ? estimated.estimate : null;
  const longWait = asked !== null && asked.serviceId === serviceId ? asked.longWait : null;

  useEffect(() => {
    if (serviceId === null) return;
    let current = true;
    api.getServiceAvailability({ serviceId }).then(
      (answer) => current && setChecked({ serviceId, availability: answer }),
      (error: unknown) => {
        console.error('kiosk: getServiceAvailability failed', error);
        if (current) setChecked({ serviceId, availability: { state: 'failed' } });
      },
    );
    api.getWaitEstimate({ serviceId }).then(
      (answer) => current && setEstimated({ serviceId, estimate: answer }),
      // Without an estimate the page still works: the visitor just does not see the wait.
      (error: unknown) => console.error('kiosk: getWaitEstimate failed', error),
    );
    return () => {
      current = false;
      // Leaving the page forgets its answers: coming back (after a refused ticket) asks again.
      setChecked(null);
      setEstimated(null);
      setAsked(null);
    };
  }, [api, serviceId]);

  const takeTicket = (priority?: string) => {
    if (serviceId === null) return;
    if (priority === undefined) {
      if (estimate?.long && estimate.minutes !== null) setAsked({ serviceId, longWait: { minutes: estimate.minutes } });
      else issue(serviceId);
      return;
    }
    // A priority ticket waits less than the normal wait on show: ask for its own.
    api.getWaitEstimate({ serviceId, priority }).then(
      (own) =>
        own.long && own.minutes !== null
          ? setAsked({ serviceId, longWait: { priority, minutes: own.minutes } })
          : issue(serviceId, priority),
      () => issue(serviceId, priority),
    );
  };

  return {
    availability,
    estimate,
    longWait,
    takeTicket,
    confirmLongWait: () => {
      if (serviceId !== null && longWait) issue(serviceId, longWait.priority);
    },
    cancelLongWait: () => setAsked(null),
  };
}
