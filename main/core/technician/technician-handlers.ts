import { callsOf, type KioskHandlers } from '../handlers';
import type { TechnicianCalls } from './technician-calls';

export const TECHNICIAN_CALL_NAMES = [
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
  'setDeskPin',
] as const;

/** The technician calls of the contract, each served by TechnicianCalls. */
export function technicianHandlers(
  calls: TechnicianCalls,
): Pick<KioskHandlers, (typeof TECHNICIAN_CALL_NAMES)[number]> {
  return callsOf(calls, TECHNICIAN_CALL_NAMES);
}
