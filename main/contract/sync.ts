import { z } from 'zod';
import { Language } from './languages';
import { PrinterStatus } from './printer';
import { PrintStatus, RatingReason, RatingScore, VisitState } from './ticket';

/**
 * Facts flow up (DESIGN.md, "The network"): every ticket, visit step, print outcome, rating and
 * printer state change is an immutable record with the device's own sequence number, written in the
 * same SQLite transaction as the change (the outbox). The central server stores each record once,
 * keyed by (deviceId, seq), and answers with the highest sequence it holds; corrections are new
 * records, never edits. A ticket is named upstream by (deviceId, ticketId): the device that numbers a
 * ticket owns it.
 */

/** A ticket as it was when numbered: everything upstream needs to count it. */
export const TicketIssuedFact = z.object({
  kind: z.literal('ticket-issued'),
  ticketId: z.number().int().positive(),
  number: z.string().min(1).max(16),
  group: z.string().min(1).max(8),
  sequence: z.number().int().positive(),
  localDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  serviceId: z.string().min(1).max(64),
  language: Language,
  priority: z.string().max(64).nullable(),
  peopleAhead: z.number().int().min(0),
  estimatedWaitMinutes: z.number().int().min(0).nullable(),
});

/** What became of a ticket's print; `reprint-claimed` is a reprint starting (a new outcome follows). */
export const PrintOutcomeFact = z.object({
  kind: z.literal('print-outcome'),
  ticketId: z.number().int().positive(),
  status: z.union([PrintStatus.exclude(['pending']), z.literal('reprint-claimed')]),
  error: z.string().max(2000).nullable(),
});

/** One desk step (the visit_events row), with the state the ticket is in after it. */
export const VisitStepFact = z.object({
  kind: z.literal('visit-step'),
  ticketId: z.number().int().positive(),
  step: z.enum(['called', 'recalled', 'started', 'finished', 'no-show', 'transferred']),
  stateAfter: VisitState,
  deskId: z.string().max(8).nullable(),
  /** The ticket's service after the step (for a transfer: the service it went to). */
  serviceId: z.string().min(1).max(64),
});

/** One step of a rating (the rating_events row): the first tap, a changed score, the reasons chosen. */
export const RatingFact = z.object({
  kind: z.literal('rating'),
  ticketId: z.number().int().positive(),
  step: z.enum(['tapped', 'changed', 'reasons-set']),
  /** Score and reasons after the step. */
  score: RatingScore,
  reasons: z.array(RatingReason),
  language: Language,
  serviceId: z.string().min(1).max(64),
  deskId: z.string().max(8).nullable(),
});

/** A visit's rating screen was shown (counted once per ticket): the response rate's denominator. */
export const RatingOfferedFact = z.object({
  kind: z.literal('rating-offered'),
  ticketId: z.number().int().positive(),
});

/** What the printer says changed (paper, cover, connection, errors). */
export const PrinterStateFact = z.object({
  kind: z.literal('printer-state'),
  status: PrinterStatus,
});

/** A new paper roll was seen loaded. */
export const PaperRollFact = z.object({
  kind: z.literal('paper-roll'),
});

/**
 * A release of the central (its catalog, or the centre's settings) applied on the device: upstream
 * learns which one each device runs even when it has nothing else to tell (the fleet screen).
 */
export const ReleaseAppliedFact = z.object({
  kind: z.literal('release-applied'),
  release: z.enum(['catalog', 'settings']),
  version: z.string().min(1).max(64),
});

export const SyncFact = z.discriminatedUnion('kind', [
  TicketIssuedFact,
  PrintOutcomeFact,
  VisitStepFact,
  RatingFact,
  RatingOfferedFact,
  PrinterStateFact,
  PaperRollFact,
  ReleaseAppliedFact,
]);
export type SyncFact = z.infer<typeof SyncFact>;
export type SyncFactKind = SyncFact['kind'];

/** One outbox record: a fact, its place in the device's own order, and the device's clock. */
export const SyncRecord = z.object({
  /** 1, 2, 3, … per device, gapless: the device's own order, never a clock. */
  seq: z.number().int().positive(),
  /** The device's clock when the change was made (it may be hours off; upstream keeps its own too). */
  at: z.iso.datetime(),
  fact: SyncFact,
});
export type SyncRecord = z.infer<typeof SyncRecord>;

/** At most this many records in one batch; a device sends fewer. */
export const SYNC_BATCH_MAX = 1000;

/**
 * `POST /sync/v1/batch` with the device's credential (`Authorization: Bearer …`). Records are in
 * sequence order without gaps; the first may repeat records the server already holds (it ignores
 * those). A batch that starts past `acknowledgedSeq + 1` is refused with `sync-gap` and the
 * server's `acknowledgedSeq`, so the device resends from there. A repeated record must say what the
 * server holds under its sequence: one that differs is refused with `record-conflict` (409), for it
 * means the device's database was replaced or another device uses its id, and acknowledging it
 * would lose the new records. The body may be gzip-compressed (`Content-Encoding: gzip`): buses
 * send on mobile links.
 */
export const SyncBatch = z
  .object({
    deviceId: z.string().min(1).max(64),
    /** The device's clock when it sent the batch: the server compares it with its own (clock skew). */
    sentAt: z.iso.datetime(),
    /** Records still waiting in the device's outbox after this batch (the fleet screen's backlog). */
    backlog: z.number().int().min(0),
    /** The app version the device runs, and the central catalog version it applied (null: none yet). */
    appVersion: z.string().max(64).optional(),
    catalogVersion: z.string().max(64).nullable().optional(),
    settingsVersion: z.string().max(64).nullable().optional(),
    records: z.array(SyncRecord).min(1).max(SYNC_BATCH_MAX),
  })
  .strict();
export type SyncBatch = z.infer<typeof SyncBatch>;

export const SyncAck = z.object({
  /** Every record of the device up to and including this sequence is stored centrally. */
  acknowledgedSeq: z.number().int().min(0),
});
export type SyncAck = z.infer<typeof SyncAck>;

export const syncPaths = {
  batch: '/sync/v1/batch',
  enrol: '/sync/v1/enrol',
  catalog: '/sync/v1/catalog',
  settings: '/sync/v1/settings',
} as const;

/**
 * `GET /sync/v1/catalog` with the device's credential: the catalog released to the device's centre,
 * with `ETag: "<version>"`. With `If-None-Match` naming the version the device has, 304 and no
 * body; 404 `no-catalog` while none is released to its centre. The device checks the catalog as a
 * technician's import is checked, applies it keeping its last good one, and reports the version it
 * applied in its next batch (`catalogVersion`).
 */
export const CatalogRelease = z.object({
  version: z.string().min(1).max(64),
  /** The catalog as the import reads it (catalog/catalog.schema.json); the device checks it. */
  catalog: z.unknown(),
});
export type CatalogRelease = z.infer<typeof CatalogRelease>;

/**
 * `GET /sync/v1/settings`, as the catalog: the settings the central holds for the device's centre
 * (the network's, with the centre's own over them), a patch of the fields a centre manages. 404
 * `no-settings` while there are none.
 */
/** The settings a centre manages for its devices; everything else (id, printer, API, PINs) is the device's own. */
export const CENTRAL_SETTINGS_KEYS = [
  'centreName',
  'timeZone',
  'languages',
  'defaultLanguage',
  'resultScreenSeconds',
  'desks',
  'rating',
  'queue',
  'idle',
  'accessibilityDefaults',
  'numbering',
  'priority',
] as const;

export const SettingsRelease = z.object({
  version: z.string().min(1).max(64),
  settings: z.record(z.string(), z.unknown()),
});
export type SettingsRelease = z.infer<typeof SettingsRelease>;

/**
 * `POST /sync/v1/enrol` without a credential: the one-time code the technician read off the central
 * server's screen (or its QR code). The answer carries the device's own credential, shown once.
 */
export const EnrolRequest = z
  .object({
    code: z.string().min(4).max(64),
    deviceId: z.string().min(1).max(64),
    appVersion: z.string().max(64),
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  deviceId: z.string(),
  centreId: z.string(),
  role: z.enum(['bus', 'hall-server', 'hall-kiosk']),
  /** The device's bearer credential; the server keeps only its hash. */
  token: z.string().min(32),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/**
 * Every refusal of the sync API: HTTP status and this body. `sync-gap` (409) carries the server's
 * `acknowledgedSeq`; `record-conflict` (409) the first sequence whose record differs from the one
 * held (`conflictSeq`); `bad-batch` (400) its problems, each naming the field.
 */
export const SyncErrorCode = z.enum([
  'bad-batch',
  'sync-gap',
  'record-conflict',
  'unknown-credential',
  'device-revoked',
  'credential-of-another-device',
  'enrol-code-invalid',
  'device-id-taken',
  'too-large',
  'storage-unavailable',
  'no-catalog',
  'no-settings',
]);
export type SyncErrorCode = z.infer<typeof SyncErrorCode>;

export const SyncError = z.object({
  error: SyncErrorCode,
  message: z.string(),
  acknowledgedSeq: z.number().int().min(0).optional(),
  conflictSeq: z.number().int().positive().optional(),
  problems: z.array(z.string()).optional(),
});
export type SyncError = z.infer<typeof SyncError>;
