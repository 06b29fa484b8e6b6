import type { CallInput, CallOutput } from '../../contract';
import { KioskError } from '../errors';
import type {
  Clock,
  DeviceSettingsWriter,
  LogReader,
  SerialPortLister,
  TechnicianAudit,
  TechnicianAuditEntry,
} from '../ports';
import type { TechnicianAccess } from './access';
import { FIRST_RUN_PIN } from './pin';

const SESSION_REFUSALS = {
  'no-session': 'technician mode is not unlocked',
  expired: 'the technician session ended after being idle; unlock again',
  'pin-change-required': 'the first-run PIN must be changed before anything else',
} as const;

export interface TechnicianCallParts {
  access: TechnicianAccess;
  logs: LogReader;
  audit: TechnicianAudit;
  clock: Clock;
  settings: DeviceSettingsWriter;
  serialPorts: SerialPortLister;
}

/**
 * The technician calls of the contract: each is refused without a valid session token, and each
 * unlock and change is written to the audit.
 */
export class TechnicianCalls {
  constructor(private readonly parts: TechnicianCallParts) {}

  async technicianUnlock({ pin }: CallInput<'technicianUnlock'>): Promise<CallOutput<'technicianUnlock'>> {
    const result = this.parts.access.unlock(pin);
    if (result.ok) {
      this.audit('unlock', 'ok', { firstRunPin: result.mustChangePin });
      return { token: result.token, mustChangePin: result.mustChangePin };
    }
    if (result.reason === 'locked') {
      this.audit('unlock', 'refused', { reason: 'locked', until: result.until.toISOString() });
      throw new KioskError(
        'technician-locked',
        `too many wrong PINs: technician mode opens again at ${result.until.toISOString()}`,
      );
    }
    this.audit('unlock', 'refused', { reason: 'wrong-pin', attemptsLeft: result.attemptsLeft });
    throw new KioskError('wrong-pin', `wrong PIN: ${result.attemptsLeft} more wrong PINs lock technician mode`);
  }

  async changeTechnicianPin({
    token,
    newPin,
  }: CallInput<'changeTechnicianPin'>): Promise<CallOutput<'changeTechnicianPin'>> {
    if (newPin === FIRST_RUN_PIN) {
      throw new KioskError('invalid-input', 'newPin: must differ from the first-run PIN');
    }
    const check = this.parts.access.changePin(token, newPin);
    if (!check.ok) this.refuse(check.reason);
    this.audit('pin-changed', 'ok');
    return { mustChangePin: false };
  }

  async exportConfiguration({ token }: CallInput<'exportConfiguration'>): Promise<CallOutput<'exportConfiguration'>> {
    this.requireSession(token);
    const settings = this.parts.settings.readSettings();
    this.audit('config-exported', 'ok');
    return { settings };
  }

  async importConfiguration({
    token,
    settings,
  }: CallInput<'importConfiguration'>): Promise<CallOutput<'importConfiguration'>> {
    this.requireSession(token);
    const result = this.parts.settings.importSettings(settings);
    if (!result.ok) {
      this.audit('config-imported', 'refused', { problems: result.problems });
      throw new KioskError('invalid-input', result.problems.join('; '));
    }
    this.audit('config-imported', 'ok');
    return { restartRequired: true };
  }

  async listSerialPorts({ token }: CallInput<'listSerialPorts'>): Promise<CallOutput<'listSerialPorts'>> {
    this.requireSession(token);
    return this.parts.serialPorts();
  }

  async readLog({ token, limit = 200, minLevel = 'info' }: CallInput<'readLog'>): Promise<CallOutput<'readLog'>> {
    this.requireSession(token);
    return this.parts.logs.tail(limit, minLevel);
  }

  private requireSession(token: string): void {
    const check = this.parts.access.check(token);
    if (!check.ok) this.refuse(check.reason);
  }

  private refuse(reason: keyof typeof SESSION_REFUSALS): never {
    this.audit('session-refused', 'refused', { reason });
    throw new KioskError('technician-session-required', SESSION_REFUSALS[reason]);
  }

  private audit(action: TechnicianAuditEntry['action'], outcome: 'ok' | 'refused', detail?: object) {
    this.parts.audit.record({ at: this.parts.clock.now(), action, outcome, ...(detail && { detail: { ...detail } }) });
  }
}
