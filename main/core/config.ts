import { z } from 'zod';
import { DeskId, LANGUAGES, Language, OfflineBlock, RATING_REASONS, RatingReason } from '../contract';
import { isValidTimeZone } from './local-time';
import { PIN_HASH_PATTERN } from './auth/pin';
import { isLoopbackHost } from './loopback';
import { NumberingConfig } from './queue/numbering';
import { PriorityConfig } from './queue/priority';

/** Printer models the kiosk knows (native/printer/profiles.ts holds their data). */
export const BUILT_IN_PRINTER_PROFILE_IDS = [
  'epson-tm-t20iii',
  'epson-tm-t88vi',
  'generic-80mm',
  'generic-58mm',
] as const;
export type BuiltInPrinterProfileId = (typeof BUILT_IN_PRINTER_PROFILE_IDS)[number];
/** Configs written before the profiles had model names keep working. */
export const PRINTER_PROFILE_ALIASES: Readonly<Record<string, BuiltInPrinterProfileId>> = {
  'epson-80mm': 'epson-tm-t20iii',
};

/** Code tables a profile may list; native/escpos/code-pages.ts maps each to bytes. */
export const CODE_PAGE_NAMES = [
  'PC437',
  'PC850',
  'PC857',
  'WPC1252',
  'PC866',
  'PC852',
  'PC858',
  'PC855',
  'WPC1250',
  'WPC1251',
  'WPC1254',
  'KZ1048',
] as const;
export type CodePageName = (typeof CODE_PAGE_NAMES)[number];

/**
 * A printer model a technician describes in the config when no built-in profile fits. Clones
 * often number their code tables differently from Epson, so each page may carry its own `ESC t` number.
 */
export const CustomPrinterProfile = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    description: z.string().default('custom profile'),
    printWidthDots: z.number().int().min(128).max(832),
    columns: z.number().int().min(16).max(72),
    hasCutter: z.boolean(),
    nativeQr: z.boolean(),
    codePages: z
      .array(
        z.object({ name: z.enum(CODE_PAGE_NAMES), escPosNumber: z.number().int().min(0).max(255).optional() }).strict(),
      )
      .min(1),
    baudRates: z.array(z.number().int().positive()).min(1).default([9600, 19200, 38400, 115200]),
    maxRasterBandRows: z.number().int().min(8).max(255).default(255),
    /** Answers `DLE EOT`; a printer that does not is only known to fail when a job stalls. */
    statusQueries: z.boolean().default(true),
    /** Takes font A glyphs by `ESC &` / `ESC % 1`; off unless the model's manual says so, since clones often ignore it. */
    userDefinedCharacters: z.boolean().default(false),
  })
  .strict();
export type CustomPrinterProfile = z.infer<typeof CustomPrinterProfile>;

export const PrinterConfig = z
  .object({
    /** Serial device path (e.g. /dev/ttyUSB0); null prints to the virtual printer's folder. */
    port: z.string().min(1).nullable().default(null),
    baudRate: z.number().int().positive().default(9600),
    dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
    parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
    stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
    flowControl: z.enum(['none', 'rtscts', 'xonxoff']).default('none'),
    /** A built-in model (BUILT_IN_PRINTER_PROFILE_IDS) or the id of one of customProfiles. */
    profile: z
      .string()
      .default('epson-tm-t20iii')
      .transform((id) => PRINTER_PROFILE_ALIASES[id] ?? id),
    customProfiles: z.array(CustomPrinterProfile).default([]),
    /**
     * When the printer is known unable to print: issue the number and show it with its QR code on
     * screen, or issue nothing and send the visitor to staff.
     */
    whenUnavailable: z.enum(['show-on-screen', 'refer-to-staff']).default('show-on-screen'),
    /** How often an idle printer is asked for its status, so a fault shows before the next visitor. */
    statusPollSeconds: z.number().positive().max(3600).default(15),
  })
  .superRefine((printer, context) => {
    const customIds = printer.customProfiles.map((profile) => profile.id);
    customIds.forEach((id, index) => {
      if ((BUILT_IN_PRINTER_PROFILE_IDS as readonly string[]).includes(id) || customIds.indexOf(id) !== index) {
        context.addIssue({ code: 'custom', path: ['customProfiles', index, 'id'], message: `"${id}" is taken` });
      }
    });
    if (
      !(BUILT_IN_PRINTER_PROFILE_IDS as readonly string[]).includes(printer.profile) &&
      !customIds.includes(printer.profile)
    ) {
      context.addIssue({
        code: 'custom',
        path: ['profile'],
        message: `must be one of ${BUILT_IN_PRINTER_PROFILE_IDS.join(', ')} or the id of a custom profile`,
      });
    }
  });
export type PrinterConfig = z.infer<typeof PrinterConfig>;

/** A desk of the centre (or the bus): the services it calls for and the PIN its staff sign in with. */
export const DeskConfig = z
  .object({
    id: DeskId,
    /** Service ids from the catalog; `*` for every service. */
    serviceIds: z.array(z.string().min(1)).min(1).default(['*']),
    /** scrypt hash of the desk PIN (`npm run set-pin -- --desk <id>`); null: the desk cannot sign in yet. */
    pinHash: z
      .string()
      .regex(PIN_HASH_PATTERN, 'must be a hash made by `npm run set-pin`, never the PIN itself')
      .nullable()
      .default(null),
  })
  .strict();
export type DeskConfig = z.infer<typeof DeskConfig>;

export const RatingConfig = z
  .object({
    faces: z.union([z.literal(4), z.literal(5)]).default(5),
    lowScoreAtMost: z.number().int().min(1).max(5).default(2),
    reasons: z
      .array(RatingReason)
      .default([...RATING_REASONS])
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a reason'),
    repeatTapSeconds: z.number().min(0).max(30).default(3),
    /**
     * The rating screen's time for one visitor: for this long after the first face tap (which is
     * stored at once) the visitor may change the score or add reasons; then the screen closes and
     * the main process refuses further changes (`already-rated`).
     */
    changeSeconds: z.number().int().min(10).max(600).default(60),
    windowMinutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(30),
  })
  .strict();
export type RatingConfig = z.infer<typeof RatingConfig>;

export const KioskConfig = z
  .object({
    /** Lets an editor find config/kiosk-config.schema.json for completion and checks. */
    $schema: z.string().optional(),
    centreName: z.string().trim().min(1).default('ASAN xidmət'),
    kioskId: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .default('kiosk-1'),
    timeZone: z.string().refine(isValidTimeZone, 'is not a known IANA time zone').default('Asia/Baku'),
    languages: z
      .array(Language)
      .min(1)
      .default([...LANGUAGES]),
    defaultLanguage: Language.default('az'),
    resultScreenSeconds: z.number().positive().max(600).default(12),
    /** Catalog file; a relative path is taken from the directory the kiosk was started in. */
    catalogPath: z.string().min(1).default('catalog/sample-catalog.json'),
    /**
     * What this device is (see KioskInfo.role); a bus kiosk also asks for ratings. A `hall-server`
     * owns the hall's queue for its kiosks, consoles and displays; a `hall-kiosk` with `hall.server`
     * set issues through it (main/contract/hall.ts).
     */
    role: z.enum(['hall-kiosk', 'rating-terminal', 'bus', 'hall-server']).default('bus'),
    hall: z
      .object({
        /** For a kiosk of a hall: its server's API address (e.g. http://hall-server.lan:8787); null: the kiosk keeps its own queue. */
        server: z
          .url({ protocol: /^https?$/, error: "must be the hall server's http:// or https:// address" })
          .nullable()
          .default(null),
        /**
         * A token the server takes, sent with every call: only for a server that is not a
         * `hall-server` of this app; a kiosk enrolled with its hall server uses its own credential
         * (hall-credential.json in the data folder, written by npm run enrol -- --hall).
         */
        token: z.string().min(16, 'must be at least 16 characters').nullable().default(null),
        /**
         * For the hall server: its address as phones on the hall's guest Wi-Fi reach it (e.g.
         * http://10.20.0.2:8787). Ticket QR codes then link to the phone page, /t/<ticket ref>;
         * null: the QR code names the ticket for rating only.
         */
        phoneUrl: z
          .url({ protocol: /^https?$/ })
          .nullable()
          .default(null),
        /** How long a kiosk waits for its server before issuing from its own block. */
        timeoutMs: z.number().int().min(200).max(30_000).default(2500),
        /**
         * For the hall server: each kiosk's reserved numbers (in every group) for when it cannot
         * reach the server. The server never gives them out itself, so numbers cannot collide.
         */
        offlineBlocks: z
          .array(z.object({ kioskId: z.string().regex(/^[A-Za-z0-9-]+$/), block: OfflineBlock }).strict())
          .default([]),
      })
      .strict()
      .superRefine((hall, context) => {
        hall.offlineBlocks.forEach((entry, index) => {
          hall.offlineBlocks.slice(0, index).forEach((other) => {
            if (other.kioskId === entry.kioskId)
              context.addIssue({
                code: 'custom',
                path: ['offlineBlocks', index, 'kioskId'],
                message: `"${entry.kioskId}" has a block already`,
              });
            else if (entry.block.start <= other.block.end && other.block.start <= entry.block.end)
              context.addIssue({
                code: 'custom',
                path: ['offlineBlocks', index, 'block'],
                message: `overlaps the block of "${other.kioskId}"`,
              });
          });
        });
      })
      .prefault({}),
    /** For a rating terminal: the desks whose ended visits it asks to rate. */
    ratingDeskIds: z.array(DeskId).default([]),
    desks: z
      .array(DeskConfig)
      .default([{ id: '1', serviceIds: ['*'], pinHash: null }])
      .refine((desks) => new Set(desks.map((desk) => desk.id)).size === desks.length, 'must not repeat a desk id'),
    rating: RatingConfig.prefault({}),
    queue: z
      .object({
        /** The kiosk asks the visitor to confirm before issuing a ticket with a longer estimated wait. */
        longWaitMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(45),
        /** Finished visits needed before their rolling average replaces the service's standard. */
        minFinishedForAverage: z.number().int().min(1).max(100).default(5),
        /** How many recent finished visits the rolling average takes. */
        averageWindow: z.number().int().min(1).max(500).default(20),
        /**
         * A desk session without a call for this long ends (a console tab closed without signing
         * out), so it no longer counts as an open desk in the waits promised.
         */
        deskSessionIdleMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(15),
        /** Share of the standard after which the desk's visit timer turns amber. */
        amberAtShare: z.number().min(0.1).max(1).default(0.8),
      })
      .strict()
      .prefault({}),
    idle: z
      .object({
        /** Seconds without a touch before the "Need more time?" warning appears. */
        seconds: z.number().int().min(10).max(3600).default(70),
        /** How long the warning stands before the kiosk resets. */
        warningSeconds: z.number().int().min(5).max(300).default(20),
      })
      .strict()
      .prefault({}),
    accessibilityDefaults: z
      .object({
        largeText: z.boolean().default(false),
        highContrast: z.boolean().default(false),
        lowReach: z.boolean().default(false),
        audioGuidance: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** Audio guidance: the device's speech synthesis (main/boot/speech.ts). */
    speech: z
      .object({
        enabled: z.boolean().default(true),
        /** Spoken instead of a language the device has no voice for; null says nothing then. */
        fallbackLanguage: Language.nullable().default('ru'),
        /** Words per minute; a little slower than espeak-ng's 175 so first-time visitors follow. */
        rate: z.number().int().min(80).max(450).default(150),
        /** Percent of the synthesiser's full volume. */
        volume: z.number().int().min(0).max(100).default(80),
        /**
         * Writes each utterance to a WAV file in this folder instead of the sound card: for a device
         * without one, and for the tests. Null speaks aloud.
         */
        wavDir: z.string().min(1).nullable().default(null),
      })
      .strict()
      .prefault({}),
    printer: PrinterConfig.prefault({}),
    /** Ticket number ranges: `default` for every group, `groups.<letter>` for exceptions. */
    numbering: NumberingConfig.prefault({}),
    /** Priority categories offered on the kiosk and the limit of priority calls in a row. */
    priority: PriorityConfig.prefault({}),
    api: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8787),
        /** Needed by every client when `host` is not loopback; compared in constant time. */
        token: z.string().min(16, 'must be at least 16 characters').nullable().default(null),
        /**
         * More names or addresses clients reach the API by, as their browsers write them in `Host`
         * (e.g. `kiosk-3.hall.lan`, or `kiosk-3.hall.lan:443` behind a proxy). Its own address,
         * the machine's interface addresses and host name (when listening on 0.0.0.0), localhost,
         * 127.0.0.1 and [::1] are always allowed; requests naming any other host are refused.
         */
        allowedHosts: z
          .array(
            z
              .string()
              .regex(
                /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/,
                'must be a host name or address, with an optional :port',
              ),
          )
          .default([]),
        /**
         * Whether technician calls are answered from other machines on the LAN. Off: technician
         * mode is used at the kiosk itself (its screen, or a browser on the kiosk's own machine).
         */
        technicianFromLan: z.boolean().default(false),
        /**
         * HTTPS instead of http: for a hall server on the hall LAN. Without files a self-signed
         * certificate is made in the data folder on first start; its kiosks pin its fingerprint at
         * enrolment (npm run enrol -- --hall https://… --fingerprint …). `certFile` and `keyFile`
         * (PEM) use the centre's own certificate instead.
         */
        tls: z
          .object({
            enabled: z.boolean().default(false),
            certFile: z.string().min(1).nullable().default(null),
            keyFile: z.string().min(1).nullable().default(null),
          })
          .strict()
          .refine((tls) => (tls.certFile === null) === (tls.keyFile === null), {
            path: ['keyFile'],
            message: 'certFile and keyFile are given together, or neither',
          })
          .prefault({}),
      })
      .prefault({}),
    /**
     * Updates from a generic HTTPS server (electron-updater); null turns updates off. A downloaded
     * update is installed only if its signature checks against the key built into the app
     * (main/boot/update-signature.ts, scripts/sign-release.ts).
     */
    updates: z
      .object({
        /** The folder holding latest-linux.yml and the builds, e.g. https://updates.example.org/kiosk/. */
        url: z
          .url({
            protocol: /^https$/,
            error: 'must be an https:// URL: updates over plain http could be swapped on the way',
          })
          .nullable()
          .default(null),
        checkMinutes: z.number().int().min(5).max(1440).default(60),
        /** Seconds without a touch after which a downloaded update is installed (the kiosk has reset by then). */
        installWhenIdleSeconds: z.number().int().min(30).max(86400).default(300),
      })
      .strict()
      .prefault({}),
    technician: z
      .object({
        /**
         * scrypt hash of the technician PIN (`npm run set-pin`). Null until set: the first-run PIN
         * 000000 then opens technician mode only to choose a new PIN.
         */
        pinHash: z
          .string()
          .regex(PIN_HASH_PATTERN, 'must be a hash made by `npm run set-pin`, never the PIN itself')
          .nullable()
          .default(null),
        /** A technician session ends after this long without a call. */
        sessionIdleSeconds: z.number().int().min(30).max(3600).default(300),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((config) => config.languages.includes(config.defaultLanguage), {
    path: ['defaultLanguage'],
    message: 'must be one of the languages on offer',
  })
  .superRefine((config, context) => {
    // A hall server takes enrolled devices, each with its own credential, instead of one token.
    if (!isLoopbackHost(config.api.host) && config.api.token === null && config.role !== 'hall-server') {
      context.addIssue({
        code: 'custom',
        path: ['api', 'token'],
        message: 'is required when host is not a loopback address (the API is open to the LAN)',
      });
    }
    const deskIds = config.desks.map((desk) => desk.id);
    config.ratingDeskIds.forEach((id, index) => {
      if (!deskIds.includes(id))
        context.addIssue({ code: 'custom', path: ['ratingDeskIds', index], message: `"${id}" is not a desk in desks` });
    });
  });
export type KioskConfig = z.infer<typeof KioskConfig>;
