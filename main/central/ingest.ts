import type { PrinterStatus } from '../contract';
import type { SyncRecord } from '../contract/sync';

/*
 * What the central does with one batch, decided from what it holds (issue 12): records are the
 * device's own order and arrive without a gap; what is held already is a repeat (a batch sent
 * again after a cut) and must say what is held; the rest is stored. Pure: the store runs it inside
 * the transaction that holds the device's row.
 */

export type BatchPlan =
  /** The batch starts past what is held: the device must send from `held + 1`. */
  | { kind: 'gap'; held: number }
  /** Records ≤ held, to be checked against those stored, and the new ones to store. */
  | { kind: 'store'; repeats: SyncRecord[]; fresh: SyncRecord[] };

/** Problems with the order of a batch's records (each must follow the one before). */
export function sequenceProblems(records: SyncRecord[]): string[] {
  const problems: string[] = [];
  records.forEach((record, index) => {
    const previous = records[index - 1];
    if (previous && record.seq !== previous.seq + 1) {
      problems.push(
        `records.${index}.seq: ${record.seq} does not follow ${previous.seq} (records go in sequence, no gaps)`,
      );
    }
  });
  return problems;
}

export function planBatch(held: number, records: SyncRecord[]): BatchPlan {
  const first = records[0]!.seq;
  if (first > held + 1) return { kind: 'gap', held };
  return {
    kind: 'store',
    repeats: records.filter((record) => record.seq <= held),
    fresh: records.filter((record) => record.seq > held),
  };
}

/** The device's clock minus the central's, in whole seconds (positive: the device is ahead). */
export function clockSkewSeconds(deviceSentAt: string, receivedAt: Date): number {
  return Math.round((Date.parse(deviceSentAt) - receivedAt.getTime()) / 1000);
}

/** What the fleet screen shows of a device's printer, carried forward by each new record. */
export interface PrinterView {
  status: PrinterStatus | null;
  /** The device's clock when the state was reported. */
  reportedAt: string | null;
  /** Tickets printed since the last new roll; null before the first roll was reported. */
  ticketsOnRoll: number | null;
}

export function printerAfter(before: PrinterView, fresh: SyncRecord[]): PrinterView {
  let view = before;
  for (const { fact, at } of fresh) {
    if (fact.kind === 'printer-state') view = { ...view, status: fact.status, reportedAt: at };
    else if (fact.kind === 'paper-roll') view = { ...view, ticketsOnRoll: 0 };
    else if (fact.kind === 'print-outcome' && fact.status === 'printed' && view.ticketsOnRoll !== null) {
      view = { ...view, ticketsOnRoll: view.ticketsOnRoll + 1 };
    }
  }
  return view;
}
