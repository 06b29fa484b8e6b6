import Database from 'better-sqlite3';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { HallDevice, HallDeviceRole } from '../contract';
import type { EnrolledDevice, HallDeviceRegistry, NewEnrolCode } from '../core/ports';
import { migrate } from './migrations';

interface DeviceRow {
  device_id: string;
  role: HallDeviceRole;
  name: string;
  enrolled_at: string;
  last_contact_at: string | null;
  revoked_at: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Last contacts are written at most this often per device: a display polling all day writes a row a minute, not a row a call. */
const CONTACT_WRITE_EVERY_MS = 60_000;

/**
 * The hall server's devices in its database, on a connection of their own (like the PIN lockouts).
 * Only hashes are kept: a copy of the database gives no one a credential or a live code.
 */
export class SqliteHallDevices implements HallDeviceRegistry {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly lastWritten = new Map<string, number>();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    migrate(this.db);
    this.statements = {
      insertCode: this.db.prepare<[string, string, string, string]>(
        'INSERT INTO hall_enrol_codes (code_hash, role, name, expires_at) VALUES (?, ?, ?, ?)',
      ),
      // The guard makes the code one-time even when two devices type it at the same instant.
      useCode: this.db.prepare<[string, string, string], { role: HallDeviceRole; name: string }>(
        `UPDATE hall_enrol_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?
         RETURNING role, name`,
      ),
      // Enrolling is the device's first contact.
      insertDevice: this.db.prepare<[string, string, string, string, string, string]>(
        `INSERT INTO hall_devices (device_id, role, name, token_hash, enrolled_at, last_contact_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      byToken: this.db.prepare<[string], DeviceRow>('SELECT * FROM hall_devices WHERE token_hash = ?'),
      byId: this.db.prepare<[string], DeviceRow>('SELECT * FROM hall_devices WHERE device_id = ?'),
      all: this.db.prepare<[], DeviceRow>('SELECT * FROM hall_devices ORDER BY enrolled_at, device_id'),
      contact: this.db.prepare<[string, string]>('UPDATE hall_devices SET last_contact_at = ? WHERE device_id = ?'),
      revoke: this.db.prepare<[string, string]>(
        'UPDATE hall_devices SET revoked_at = COALESCE(revoked_at, ?) WHERE device_id = ?',
      ),
      pruneCodes: this.db.prepare<[string]>('DELETE FROM hall_enrol_codes WHERE expires_at <= ?'),
    };
  }

  newEnrolCode(role: HallDeviceRole, name: string | null, expiresAt: Date): NewEnrolCode {
    this.statements.pruneCodes.run(new Date().toISOString());
    const digits = String(randomInt(0, 100_000_000)).padStart(8, '0');
    this.statements.insertCode.run(sha256(digits), role, name ?? '', expiresAt.toISOString());
    return { code: `${digits.slice(0, 4)}-${digits.slice(4)}`, role, name, expiresAt: expiresAt.toISOString() };
  }

  enrol(code: string, name: string | undefined, at: Date): EnrolledDevice | undefined {
    const enrol = this.db.transaction((): EnrolledDevice | undefined => {
      const when = at.toISOString();
      const used = this.statements.useCode.get(when, sha256(code), when);
      if (!used) return undefined;
      const token = randomBytes(32).toString('base64url');
      const deviceId = `${used.role}-${randomBytes(4).toString('hex')}`;
      // The technician's name for the code, else the one the device gives itself ("Rating tablet, desk 2").
      const named = used.name || name || used.role;
      this.statements.insertDevice.run(deviceId, used.role, named, sha256(token), when, when);
      return { deviceId, role: used.role, token };
    });
    return enrol.immediate();
  }

  authenticate(token: string, at: Date): HallDevice | undefined {
    const row = this.statements.byToken.get(sha256(token));
    if (!row || row.revoked_at !== null) return undefined;
    const last = this.lastWritten.get(row.device_id) ?? 0;
    if (at.getTime() - last >= CONTACT_WRITE_EVERY_MS) {
      this.lastWritten.set(row.device_id, at.getTime());
      this.statements.contact.run(at.toISOString(), row.device_id);
      row.last_contact_at = at.toISOString();
    }
    return toDevice(row);
  }

  list(): HallDevice[] {
    return this.statements.all.all().map(toDevice);
  }

  revoke(deviceId: string, at: Date): HallDevice | undefined {
    this.statements.revoke.run(at.toISOString(), deviceId);
    const row = this.statements.byId.get(deviceId);
    return row && toDevice(row);
  }

  close(): void {
    this.db.close();
  }
}

const toDevice = (row: DeviceRow): HallDevice => ({
  deviceId: row.device_id,
  role: row.role,
  name: row.name,
  enrolledAt: row.enrolled_at,
  lastContactAt: row.last_contact_at,
  revokedAt: row.revoked_at,
});
