import { useSyncExternalStore, type ReactNode } from 'react';
import type { HallCredential } from '../api/hall-credential';
import { EnrolScreen, type EnrolScreenProps } from './enrol-screen';

/** Whether the hall server refused this page's credential (or its lack of one). */
export function useNeedsEnrolment(credential: HallCredential): boolean {
  return useSyncExternalStore(credential.subscribe, credential.needsEnrolment);
}

/**
 * The page, until the hall server answers that it does not know this device (401): then the enrol
 * screen instead of it, the page's own screens gone with their timers and their calls.
 */
export function EnrolGate({ children, ...screen }: EnrolScreenProps & { children: ReactNode }) {
  const needed = useNeedsEnrolment(screen.credential);
  return needed ? <EnrolScreen {...screen} /> : children;
}
