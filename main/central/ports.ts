import type { EnrolResponse, SyncBatch } from '../contract/sync';
import type { CentreOverride } from './catalog-overrides';
import type { FleetDevice } from './fleet';

/** What the central server keeps, on PostgreSQL (main/central/store/). */
export interface CentralStore {
  /** Applies the schema's migrations not yet applied; safe when several servers start at once. */
  migrate(): Promise<void>;
  /** Answers when the database does; throws when it does not. */
  ping(): Promise<void>;
  addEnrolCode(grant: EnrolGrant & { codeHash: string; expiresAt: Date }): Promise<void>;
  /** Uses a one-time code: the device is enrolled under it with the credential's hash. */
  enrol(request: {
    codeHash: string;
    deviceId: string;
    appVersion: string;
    tokenHash: string;
    at: Date;
  }): Promise<EnrolOutcome>;
  /** The device a credential (by its hash) belongs to, or null. */
  deviceOfToken(tokenHash: string): Promise<{ deviceId: string; centreId: string; revoked: boolean } | null>;
  /** Stores a batch in one transaction, idempotently by (device, seq). */
  ingest(batch: SyncBatch, receivedAt: Date): Promise<IngestOutcome>;
  revoke(deviceId: string, at: Date): Promise<boolean>;
  /** Releases a catalog version to some centres, or to all (`*`, the network's default). */
  releaseCatalog(version: string, catalog: unknown, centres: string[]): Promise<void>;
  /** The release a centre's devices get (its own, else the network's default), with its override applied; null when none. */
  catalogFor(centreId: string): Promise<{ version: string; catalog: unknown } | null>;
  /** Sets a centre's override of the catalog; null removes it (each change gives a new catalog version). */
  setCentreOverride(centreId: string, override: CentreOverride | null): Promise<void>;
  /** Sets the settings patch of a centre, or of the whole network (`*`). */
  setSettings(centreId: string, settings: Record<string, unknown>): Promise<void>;
  /** The settings a centre's devices get (the network's with the centre's over them); null when none. */
  settingsFor(centreId: string): Promise<{ version: string; settings: Record<string, unknown> } | null>;
  fleet(): Promise<FleetDevice[]>;
  /** A device's records in sequence order (for checks and exports). */
  records(deviceId: string): Promise<Array<{ seq: number; at: string; receivedAt: string; fact: unknown }>>;
  close(): Promise<void>;
}

export interface EnrolGrant {
  centreId: string;
  role: EnrolResponse['role'];
}

export type EnrolOutcome = ({ ok: true } & EnrolGrant) | { ok: false; reason: 'code-invalid' | 'device-id-taken' };

export type IngestOutcome =
  | { kind: 'acknowledged'; acknowledgedSeq: number; stored: number }
  | { kind: 'gap'; acknowledgedSeq: number }
  | { kind: 'conflict'; conflictSeq: number }
  | { kind: 'revoked' };
