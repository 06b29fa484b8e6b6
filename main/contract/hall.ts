import { z } from 'zod';
import { Language } from './languages';
import { TicketIssuedFact } from './sync';
import { technicianInput } from './technician';
import { PrintStatus, RatingReason, RatingScore, Ticket, VisitState } from './ticket';

/**
 * The hall (DESIGN.md, "The network"): one hall server owns the queue, and the hall's kiosks issue
 * through it and print on their own printers. These calls are made by kiosks of the hall to the
 * server; any other device answers `not-a-hall-server`.
 *
 * Every issue carries an `originRef` the kiosk chose before asking: the server stores it with the
 * ticket, so a request sent twice (an answer lost on the way) gives the same ticket, and a ticket the
 * kiosk later hands over (printed, or issued from its own block while the server was away) is
 * matched to it, never doubled.
 */

export const OriginRef = z.uuid();

/** A kiosk's own numbers for when the server is away: agreed in the server's configuration. */
export const OfflineBlock = z
  .object({
    start: z.number().int().positive(),
    end: z.number().int().positive(),
  })
  .strict()
  .refine((block) => block.start <= block.end, { path: ['end'], message: 'must not be below start' });
export type OfflineBlock = z.infer<typeof OfflineBlock>;

export const HallKioskSetup = z.object({
  /** This kiosk's reserved numbers in every group; null: the server has none for it (no offline issuing). */
  block: OfflineBlock.nullable(),
  centreName: z.string(),
  timeZone: z.string(),
  /** The phone page's address on the guest Wi-Fi (`hall.phoneUrl`), which ticket QR codes link to; null: none. */
  phoneUrl: z.string().nullable(),
});
export type HallKioskSetup = z.infer<typeof HallKioskSetup>;

/** A kiosk's configured kioskId; as long as a device id at the central (64). */
const KioskId = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/);

/** A ticket as the kiosk that printed it knows it: handed to the server for its queue. */
export const HandedOverTicket = TicketIssuedFact.pick({
  number: true,
  group: true,
  sequence: true,
  localDay: true,
  serviceId: true,
  language: true,
  priority: true,
})
  .extend({
    originRef: OriginRef,
    issuedAt: z.iso.datetime(),
    /** What the kiosk knows of its print; `pending` never leaves a kiosk (it settles first). */
    printStatus: PrintStatus.exclude(['pending']),
    printError: z.string().max(2000).nullable(),
    /** Numbered from the kiosk's own block while the server was away: the wait was unknown. */
    issuedOffline: z.boolean(),
  })
  .strict();
export type HandedOverTicket = z.infer<typeof HandedOverTicket>;

export const MAX_HANDED_OVER = 200;

/**
 * What an enrolled device of the hall is, and so what its credential may do (main/core/hall/
 * device-roles.ts): a kiosk issues and reports prints, a console still signs in with its desk PIN,
 * a hall display reads calls, a rating tablet rates, an outside queue system ends visits.
 */
export const HALL_DEVICE_ROLES = ['kiosk', 'console', 'display', 'rating-tablet', 'queue-system'] as const;
export const HallDeviceRole = z.enum(HALL_DEVICE_ROLES);
export type HallDeviceRole = z.infer<typeof HallDeviceRole>;

/** The page each browser device of the hall opens on its server (kiosks and outside systems have none). */
export const HALL_PAGE_OF_ROLE: Readonly<Partial<Record<HallDeviceRole, string>>> = {
  console: 'console.html',
  display: 'hall.html',
  'rating-tablet': 'rating.html',
};

export const HallDevice = z.object({
  deviceId: z.string(),
  role: HallDeviceRole,
  name: z.string(),
  enrolledAt: z.iso.datetime(),
  /** Its enrolment, then the last call or event connection it made; null only for devices enrolled before this was kept. */
  lastContactAt: z.iso.datetime().nullable(),
  /** Set when a technician revoked it: its credential is refused from then on. */
  revokedAt: z.iso.datetime().nullable(),
});
export type HallDevice = z.infer<typeof HallDevice>;

/** A one-time enrolment code as the technician reads it out: 8 digits, 4-4. */
export const EnrolCode = z
  .string()
  .trim()
  .transform((code) => code.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8}$/, 'must be the 8 digits shown on the hall server'));

const DeviceName = z.string().trim().min(1).max(60);

export const hallDeviceCalls = {
  /**
   * A device of the hall trades the one-time code a technician made on the server for its own
   * credential (the only call answered without one); wrong codes are limited like wrong PINs.
   */
  hallEnrol: {
    input: z.object({ code: EnrolCode, name: DeviceName.optional() }).strict(),
    output: z.object({ deviceId: z.string(), role: HallDeviceRole, token: z.string() }),
  },
  /**
   * Technician: a one-time code to enrol one device in the given role; it expires unused after 15
   * minutes. Without a name the device names itself when it enrols ("Rating tablet, desk 2").
   */
  hallNewEnrolCode: {
    input: technicianInput({ role: HallDeviceRole, name: DeviceName.optional() }),
    output: z.object({
      code: z.string(),
      role: HallDeviceRole,
      name: z.string().nullable(),
      expiresAt: z.iso.datetime(),
    }),
  },
  /** Technician: every device enrolled, with its last contact; revoked ones too. */
  hallListDevices: { input: technicianInput({}), output: z.array(HallDevice) },
  /** Technician: the device's credential is refused from now on (its next call, its open event connection). */
  hallRevokeDevice: { input: technicianInput({ deviceId: z.string().min(1) }), output: HallDevice },
} as const;

/**
 * A ticket as its visitor's phone shows it (the phone page, `/t/<ref>`): the number, their place in
 * the queue and the desk when called, and whether the visit can be rated. Nothing about a person:
 * none exists anywhere in the system.
 */
export const PhoneTicket = z.object({
  number: z.string(),
  serviceId: z.string(),
  language: z.string(),
  localDay: z.string(),
  /** False for a ticket of an earlier day: the page says so rather than show an old place. */
  today: z.boolean(),
  state: VisitState,
  /** While waiting: people the desks call first, and the estimated minutes (null: no desk open). */
  peopleAhead: z.number().int().min(0).nullable(),
  estimatedWaitMinutes: z.number().int().min(0).nullable(),
  /** The desk that called it (called or being served). */
  deskId: z.string().nullable(),
  calledAt: z.iso.datetime().nullable(),
  /** How often the desk called it again since `calledAt`: the page alerts at each new call and recall. */
  recalls: z.number().int().min(0),
  /** The score given, from any kiosk, tablet or this page; null while unrated. */
  score: RatingScore.nullable(),
  /** The reason chips stored with a low score (empty otherwise). */
  reasons: z.array(RatingReason),
  /** Whether a face tapped now is taken: the visit ended, within the rating window, and not closed. */
  canRate: z.boolean(),
  centreName: z.string(),
  timeZone: z.string(),
});
export type PhoneTicket = z.infer<typeof PhoneTicket>;

const PhoneRef = z.object({ ref: OriginRef }).strict();

/** The phone page's calls: answered without a credential, to whoever holds the ticket's unguessable ref. */
export const phoneCalls = {
  getPhoneTicket: { input: PhoneRef, output: PhoneTicket },
  /**
   * The page shows the one-screen rating for the ended visit: the visit counts as offered a rating
   * (the response rate's denominator), once with the kiosks' and tablets' offers.
   */
  phoneRatingOffered: { input: PhoneRef, output: z.object({ offeredAt: z.iso.datetime() }) },
  /**
   * The same one-screen rating as a kiosk's, counted once with it (a changed mind within its time
   * replaces the score). `reasons`, when given with the score already stored, are the chips as now
   * chosen (the whole set, as setRatingReasons); left out, the stored ones stand.
   */
  ratePhoneTicket: {
    input: PhoneRef.extend({ score: RatingScore, reasons: z.array(RatingReason).max(4).optional() }).strict(),
    output: PhoneTicket,
  },
} as const;

export const hallCalls = {
  ...hallDeviceCalls,
  ...phoneCalls,
  /** What a kiosk of the hall needs from its server at start and now and then: its offline block. */
  hallKioskSetup: { input: z.object({ kioskId: KioskId }).strict(), output: HallKioskSetup },
  /**
   * Numbers and stores a ticket for a kiosk that prints it: the same checks and the same one
   * transaction as a kiosk's own issue. The ticket is `pending` until the kiosk hands it over.
   */
  hallIssueTicket: {
    input: z
      .object({
        kioskId: KioskId,
        originRef: OriginRef,
        serviceId: z.string().min(1),
        language: Language,
        priority: z.string().min(1).optional(),
      })
      .strict(),
    output: Ticket,
  },
  /**
   * Tickets a kiosk printed (their outcome) or issued from its block while the server was away;
   * answers the refs the server now holds. Sending the same ticket again changes nothing.
   */
  hallHandOver: {
    input: z.object({ kioskId: KioskId, tickets: z.array(HandedOverTicket).min(1).max(MAX_HANDED_OVER) }).strict(),
    output: z.object({ held: z.array(OriginRef) }),
  },
} as const;
