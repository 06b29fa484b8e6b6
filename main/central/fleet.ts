import type { PrinterProblem, PrinterStatus } from '../contract';
import { printerProblems } from '../shared/printer-problems';

/**
 * The fleet screen's reading of one device (issue 12, "From the centre to the fleet"): what the
 * central knows of it from enrolment and the facts it sent, and what needs a technician. Pure: the
 * store gathers the rows, this decides what they mean, so the CLI and the page say the same.
 */
export interface FleetDevice {
  deviceId: string;
  centreId: string;
  role: 'bus' | 'hall-server' | 'hall-kiosk';
  appVersion: string | null;
  catalogVersion: string | null;
  /** The version of the centre's settings the device applied; null: none yet. */
  settingsVersion: string | null;
  enrolledAt: string;
  revokedAt: string | null;
  /** The central's clock when the device last sent a batch; null before its first. */
  lastContactAt: string | null;
  /** The device's clock minus the central's at its last batch, in seconds (positive: device ahead). */
  clockSkewSeconds: number | null;
  /** Records the device said were still waiting after its last batch. */
  backlog: number | null;
  /** The highest sequence held from the device. */
  heldSeq: number;
  /** The last printer state the device reported, and its time on the device's clock. */
  printer: PrinterStatus | null;
  /** Tickets printed since the last new paper roll was seen; null before the first roll was reported. */
  ticketsOnRoll: number | null;
}

/** Why a device needs a technician, most pressing first. */
export type FleetAttention =
  | { kind: 'printer'; problem: PrinterProblem }
  | { kind: 'silent'; hours: number }
  | { kind: 'never-synced' }
  | { kind: 'clock-skew'; minutes: number }
  | { kind: 'backlog'; records: number }
  | { kind: 'revoked' };

/** Beyond this a device's clock is flagged: its times are kept, never reordered, but a technician should set it. */
export const CLOCK_SKEW_FLAG_SECONDS = 5 * 60;
/** A device silent this long is flagged (a bus may be offline for days: it is flagged, not failed). */
export const SILENT_FLAG_HOURS = 24;
/** A backlog this big after a batch means the device cannot keep up (a slow or failing link). */
export const BACKLOG_FLAG_RECORDS = 5_000;

/** What needs a technician on this device, most pressing first; empty when all is well. */
export function fleetAttention(device: FleetDevice, now: Date): FleetAttention[] {
  if (device.revokedAt !== null) return [{ kind: 'revoked' }];
  const needs: FleetAttention[] = [];
  const problems = device.printer ? printerProblems(device.printer) : [];
  for (const problem of problems) needs.push({ kind: 'printer', problem });
  if (device.lastContactAt === null) {
    needs.push({ kind: 'never-synced' });
  } else {
    const hours = (now.getTime() - Date.parse(device.lastContactAt)) / 3_600_000;
    if (hours >= SILENT_FLAG_HOURS) needs.push({ kind: 'silent', hours: Math.floor(hours) });
  }
  if (device.clockSkewSeconds !== null && Math.abs(device.clockSkewSeconds) > CLOCK_SKEW_FLAG_SECONDS) {
    needs.push({ kind: 'clock-skew', minutes: Math.round(device.clockSkewSeconds / 60) });
  }
  if (device.backlog !== null && device.backlog >= BACKLOG_FLAG_RECORDS) {
    needs.push({ kind: 'backlog', records: device.backlog });
  }
  return needs;
}

/** Rank of the most pressing need: a printer that cannot print first, revoked devices last. */
function urgency(needs: FleetAttention[]): number {
  const first = needs[0];
  if (!first) return 9;
  switch (first.kind) {
    case 'printer':
      return first.problem === 'paper-near-end' ? 4 : 0;
    case 'silent':
      return 1;
    case 'never-synced':
      return 2;
    case 'clock-skew':
    case 'backlog':
      return 3;
    case 'revoked':
      return 10;
  }
}

/** The fleet as the screen lists it: devices needing a technician first, then by centre and id. */
export function fleetOrder(devices: FleetDevice[], now: Date): Array<{ device: FleetDevice; needs: FleetAttention[] }> {
  return devices
    .map((device) => ({ device, needs: fleetAttention(device, now) }))
    .sort(
      (a, b) =>
        urgency(a.needs) - urgency(b.needs) ||
        a.device.centreId.localeCompare(b.device.centreId) ||
        a.device.deviceId.localeCompare(b.device.deviceId),
    );
}

/** One need in plain words, for the CLI and the page's technician view. */
export function describeAttention(need: FleetAttention): string {
  switch (need.kind) {
    case 'printer':
      return `printer: ${need.problem.replace(/-/g, ' ')}`;
    case 'silent':
      return `silent for ${need.hours} h`;
    case 'never-synced':
      return 'enrolled, never synced';
    case 'clock-skew':
      return `clock ${Math.abs(need.minutes)} min ${need.minutes > 0 ? 'ahead' : 'behind'}`;
    case 'backlog':
      return `${need.records} records waiting`;
    case 'revoked':
      return 'revoked';
  }
}
