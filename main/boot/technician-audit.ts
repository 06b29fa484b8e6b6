import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { TechnicianAudit, TechnicianAuditEntry } from '../core/ports';

/**
 * The technician audit as a JSON-lines file in the data folder, appended to and never rotated.
 * A file rather than a table in kiosk.sqlite: it must outlive a database a technician replaces or
 * restores, and be readable with any tool on a kiosk that no longer starts. Each entry also goes
 * to the structured log, so the log viewer shows it among the kiosk's other events. An unlock
 * names where it came from (`transport`, and the client's `address` over HTTP), and the API's own
 * refusals (`api-refused`) carry the address too, so guessing from the LAN can be traced.
 */
export function fileTechnicianAudit(file: string, logger?: Logger): TechnicianAudit {
  mkdirSync(dirname(file), { recursive: true });
  return {
    record(entry: TechnicianAuditEntry): void {
      const line = { at: entry.at.toISOString(), action: entry.action, outcome: entry.outcome, ...entry.detail };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
      // A refusal (wrong PIN, forged or stale token) is worth a technician's attention: a warning.
      const level = entry.outcome === 'refused' ? 'warn' : 'info';
      logger?.[level]({ event: 'technician', ...line }, `technician ${entry.action}: ${entry.outcome}`);
    },
  };
}
