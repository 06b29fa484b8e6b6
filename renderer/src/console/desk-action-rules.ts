import type { Ticket } from '../../../main/contract';

export type DeskAction = 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'transfer';

/** Which actions make sense for the visit at the desk; the kiosk checks again and refuses the rest. */
export function allowedActions(current: Ticket | null): ReadonlySet<DeskAction> {
  if (!current) return new Set(['callNext']);
  if (current.state === 'called') return new Set(['recall', 'start', 'noShow', 'transfer']);
  if (current.state === 'serving') return new Set(['finish', 'transfer']);
  return new Set(['callNext']);
}
