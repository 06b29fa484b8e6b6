import { describe, expect, it } from 'vitest';
import { UNKNOWN_PRINTER_STATUS } from '../../../main/contract';
import { describeAttention, fleetAttention, fleetOrder, type FleetDevice } from '../../../main/central/fleet';

const NOW = new Date('2026-12-03T12:00:00Z');

const device = (overrides: Partial<FleetDevice> = {}): FleetDevice => ({
  deviceId: 'bus-7',
  centreId: 'baku-1',
  role: 'bus',
  appVersion: '0.1.0',
  catalogVersion: null,
  settingsVersion: null,
  enrolledAt: '2026-11-01T08:00:00Z',
  revokedAt: null,
  lastContactAt: '2026-12-03T11:58:00Z',
  clockSkewSeconds: 3,
  backlog: 0,
  heldSeq: 120,
  printer: { ...UNKNOWN_PRINTER_STATUS, connection: 'online', paper: 'ok' },
  ticketsOnRoll: 40,
  ...overrides,
});

describe('the fleet screen’s reading of a device', () => {
  it('a healthy device needs nothing', () => {
    expect(fleetAttention(device(), NOW)).toEqual([]);
  });

  it('names printer problems, most serious first', () => {
    const printer = {
      ...UNKNOWN_PRINTER_STATUS,
      connection: 'offline' as const,
      paper: 'out' as const,
      coverOpen: true,
    };
    expect(fleetAttention(device({ printer }), NOW)).toEqual([
      { kind: 'printer', problem: 'cover-open' },
      { kind: 'printer', problem: 'paper-out' },
    ]);
  });

  it('flags a device silent a day or more, and one enrolled that never synced', () => {
    expect(fleetAttention(device({ lastContactAt: '2026-12-02T11:00:00Z' }), NOW)).toEqual([
      { kind: 'silent', hours: 25 },
    ]);
    expect(fleetAttention(device({ lastContactAt: '2026-12-02T12:30:00Z' }), NOW)).toEqual([]);
    expect(fleetAttention(device({ lastContactAt: null }), NOW)).toEqual([{ kind: 'never-synced' }]);
  });

  it('flags a clock more than five minutes off either way, and says which way', () => {
    expect(fleetAttention(device({ clockSkewSeconds: 300 }), NOW)).toEqual([]);
    const behind = fleetAttention(device({ clockSkewSeconds: -3 * 3600 }), NOW);
    expect(behind).toEqual([{ kind: 'clock-skew', minutes: -180 }]);
    expect(describeAttention(behind[0]!)).toBe('clock 180 min behind');
    expect(describeAttention(fleetAttention(device({ clockSkewSeconds: 600 }), NOW)[0]!)).toBe('clock 10 min ahead');
  });

  it('flags a backlog the device cannot work off', () => {
    expect(fleetAttention(device({ backlog: 4_999 }), NOW)).toEqual([]);
    expect(fleetAttention(device({ backlog: 36_000 }), NOW)).toEqual([{ kind: 'backlog', records: 36_000 }]);
  });

  it('a revoked device is only revoked', () => {
    expect(fleetAttention(device({ revokedAt: '2026-12-01T00:00:00Z', lastContactAt: null }), NOW)).toEqual([
      { kind: 'revoked' },
    ]);
  });

  it('lists devices needing a technician first, a printer that cannot print before all else, revoked last', () => {
    const order = fleetOrder(
      [
        device({ deviceId: 'a-healthy' }),
        device({ deviceId: 'b-revoked', revokedAt: '2026-12-01T00:00:00Z' }),
        device({
          deviceId: 'c-near-end',
          printer: { ...UNKNOWN_PRINTER_STATUS, connection: 'online', paper: 'near-end' },
        }),
        device({ deviceId: 'd-silent', lastContactAt: '2026-11-20T00:00:00Z' }),
        device({ deviceId: 'e-paper-out', printer: { ...UNKNOWN_PRINTER_STATUS, connection: 'online', paper: 'out' } }),
        device({ deviceId: 'f-skewed', clockSkewSeconds: 7200 }),
      ],
      NOW,
    );
    expect(order.map((entry) => entry.device.deviceId)).toEqual([
      'e-paper-out',
      'd-silent',
      'f-skewed',
      'c-near-end',
      'a-healthy',
      'b-revoked',
    ]);
  });
});
