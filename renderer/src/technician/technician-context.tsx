import { createContext, useContext } from 'react';
import { KioskApiError } from '../../../main/contract';
import type { KioskApi } from '../../../main/contract';

export interface TechnicianSessionContext {
  api: KioskApi;
  token: string;
  /** Closes technician mode: the session ended after idling, or the technician left. */
  close(): void;
}

export const TechnicianContext = createContext<TechnicianSessionContext | null>(null);

export function useTechnician(): TechnicianSessionContext {
  const context = useContext(TechnicianContext);
  if (!context) throw new Error('technician screens are used inside the technician panel only');
  return context;
}

/** A refusal's message split into its problems (the main process joins them with "; "), for a list on screen. */
export function refusalProblems(error: unknown): string[] {
  if (error instanceof KioskApiError) return error.message.split('; ').filter(Boolean);
  return [error instanceof Error ? error.message : String(error)];
}

export const sessionEnded = (error: unknown): boolean =>
  error instanceof KioskApiError && error.code === 'technician-session-required';
