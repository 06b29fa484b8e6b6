import type { CallInput, CallOutput } from '../../contract';
import { KioskError } from '../errors';
import { callsOf, type KioskHandlers } from '../handlers';
import type { Clock, HallDeviceRegistry } from '../ports';
import type { Settings } from '../settings';
import { requireHallServer } from './hall-server';

export const HALL_DEVICE_CALL_NAMES = ['hallEnrol', 'hallNewEnrolCode', 'hallListDevices', 'hallRevokeDevice'] as const;

/** A code lives long enough to walk from the server's screen to the device across the hall. */
export const ENROL_CODE_MINUTES = 15;

export interface HallDeviceParts {
  settings: Settings;
  clock: Clock;
  /** The server's registry; none on any other device. */
  devices: HallDeviceRegistry | null;
  /** Whether a technician session token is valid (technician PIN); refusals say why. */
  requireTechnician(token: string): void;
}

/**
 * Devices of the hall are enrolled, not trusted: a technician makes a one-time code on the server,
 * the device trades it for its own credential in one role, and the technician can list the devices
 * with their last contact and revoke any of them.
 */
export class HallDeviceCalls {
  constructor(private readonly parts: HallDeviceParts) {}

  calls(): Pick<KioskHandlers, (typeof HALL_DEVICE_CALL_NAMES)[number]> {
    return callsOf(this, HALL_DEVICE_CALL_NAMES);
  }

  async hallEnrol({ code, name }: CallInput<'hallEnrol'>): Promise<CallOutput<'hallEnrol'>> {
    const enrolled = this.registry().enrol(code, name, this.parts.clock.now());
    if (!enrolled) {
      throw new KioskError(
        'wrong-pin',
        'this enrolment code is unknown, used or expired: ask the technician for a new one',
      );
    }
    return enrolled;
  }

  async hallNewEnrolCode({
    token,
    role,
    name,
  }: CallInput<'hallNewEnrolCode'>): Promise<CallOutput<'hallNewEnrolCode'>> {
    this.parts.requireTechnician(token);
    const expiresAt = new Date(this.parts.clock.now().getTime() + ENROL_CODE_MINUTES * 60_000);
    return this.registry().newEnrolCode(role, name ?? null, expiresAt);
  }

  async hallListDevices({ token }: CallInput<'hallListDevices'>): Promise<CallOutput<'hallListDevices'>> {
    this.parts.requireTechnician(token);
    return this.registry().list();
  }

  async hallRevokeDevice({ token, deviceId }: CallInput<'hallRevokeDevice'>): Promise<CallOutput<'hallRevokeDevice'>> {
    this.parts.requireTechnician(token);
    const revoked = this.registry().revoke(deviceId, this.parts.clock.now());
    if (!revoked) throw new KioskError('invalid-input', `no device of this hall has id "${deviceId}"`);
    return revoked;
  }

  private registry(): HallDeviceRegistry {
    requireHallServer(this.parts.settings.config());
    if (!this.parts.devices) throw new KioskError('not-a-hall-server', 'this hall server keeps no device registry');
    return this.parts.devices;
  }
}
