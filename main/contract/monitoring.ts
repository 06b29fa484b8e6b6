import { z } from 'zod';
import { LocalizedText } from './languages';
import { PrinterProblem } from './printer';
import { RatingReason } from './ticket';

/*
 * What the central's dashboards, public pages and open data answer (issue 13): the one description
 * the server (main/central/http/*-routes.ts) sends and the pages (renderer/src/dashboard,
 * renderer/src/public) read. Every time is in whole minutes, every share is 0..1 or null when
 * nothing was measured. No person is named anywhere: visits are counted, never identified.
 */

/** A day on a centre's wall clock. */
export const LocalDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD');

/** Which part of the network; none set is the whole network; a desk needs its centre. */
export const MonitoringScope = z.object({
  region: z.string().min(1).max(64).optional(),
  centreId: z.string().min(1).max(64).optional(),
  serviceId: z.string().min(1).max(64).optional(),
  deskId: z.string().min(1).max(64).optional(),
});
export type MonitoringScope = z.infer<typeof MonitoringScope>;

/** Local days, both ends included. */
export const DayRange = z.object({ from: LocalDay, to: LocalDay });
export type DayRange = z.infer<typeof DayRange>;

/**
 * The bands a time's distribution counts visits in, by whole minutes: each band's first minute, the
 * last band open (60 minutes or more).
 */
export const TIME_BANDS = [0, 5, 10, 15, 20, 30, 45, 60] as const;

export const TimeFigures = z.object({
  /** Visits with this time. */
  measured: z.number().int(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  withinStandard: z.number().int(),
  /** withinStandard / measured. */
  withinShare: z.number().nullable(),
  overStandard: z.number().int(),
  /** The mean, over visits over standard, of their whole minutes minus the standard. */
  meanExcessMinutes: z.number().nullable(),
  /** Visits per band of whole minutes (TIME_BANDS), adding up to measured. */
  bands: z.array(z.number().int()).length(TIME_BANDS.length),
});
export type TimeFigures = z.infer<typeof TimeFigures>;

export const Figures = z.object({
  tickets: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  waiting: TimeFigures,
  service: TimeFigures,
  satisfaction: z.object({
    offered: z.number().int(),
    rated: z.number().int(),
    responseRate: z.number().nullable(),
    average: z.number().nullable(),
    /** Ratings with 1, 2, 3, 4, 5. */
    faces: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
    reasons: z.record(RatingReason, z.number().int()),
  }),
  /** 168 counts of tickets: index (ISO weekday - 1) * 24 + local hour of issue. */
  busiestHours: z.array(z.number().int()).length(168),
});
export type Figures = z.infer<typeof Figures>;

/**
 * A child's figures in a breakdown: all but the busiest hours, which are the child's own page's
 * (summing 168 weekday × hour buckets per rollup row was half of a breakdown's work).
 */
export const ChildFigures = Figures.omit({ busiestHours: true });
export type ChildFigures = z.infer<typeof ChildFigures>;

export const Comparison = z.object({
  range: DayRange,
  previousRange: DayRange,
  current: Figures,
  previous: Figures,
});
export type Comparison = z.infer<typeof Comparison>;

/** The levels staff drill through, in order. */
export const MONITORING_LEVELS = ['network', 'region', 'centre', 'service', 'desk'] as const;
export const MonitoringLevel = z.enum(MONITORING_LEVELS);
export type MonitoringLevel = z.infer<typeof MonitoringLevel>;

/** The network as an account may read it: regions, their centres, and the services with names. */
export const NetworkMap = z.object({
  regions: z.array(
    z.object({
      region: z.string(),
      centres: z.array(
        z.object({ centreId: z.string(), name: z.string().nullable(), kind: z.enum(['centre', 'bus']) }),
      ),
    }),
  ),
  /** Service names from the newest catalog release, in every language it has; null when no catalog names it. */
  services: z.array(z.object({ serviceId: z.string(), name: LocalizedText.nullable() })),
});
export type NetworkMap = z.infer<typeof NetworkMap>;

/** GET dashboard/api/figures?region&centre&service&desk&from&to */
export const FiguresAnswer = z.object({ scope: MonitoringScope, comparison: Comparison });
export type FiguresAnswer = z.infer<typeof FiguresAnswer>;

/**
 * GET dashboard/api/breakdown?…scope&from&to: the scope's children one level down (network →
 * regions, region → centres, centre → services, centre + service → desks), each with its figures
 * and the previous period's. A desk has no children: its visits are read with api/visits.
 */
export const BreakdownAnswer = z.object({
  scope: MonitoringScope,
  childLevel: MonitoringLevel,
  range: DayRange,
  previousRange: DayRange,
  rows: z.array(z.object({ key: z.string(), current: ChildFigures, previous: ChildFigures })),
});
export type BreakdownAnswer = z.infer<typeof BreakdownAnswer>;

/** One point of a time series: a day (ranges up to 92 days) or a month (longer ranges, named by its first day). */
export const SeriesPoint = z.object({
  period: LocalDay,
  tickets: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  waitingWithinShare: z.number().nullable(),
  serviceWithinShare: z.number().nullable(),
  satisfactionAverage: z.number().nullable(),
  rated: z.number().int(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

/** GET dashboard/api/series?…scope&from&to */
export const SeriesAnswer = z.object({
  scope: MonitoringScope,
  range: DayRange,
  grain: z.enum(['day', 'month']),
  points: z.array(SeriesPoint),
});
export type SeriesAnswer = z.infer<typeof SeriesAnswer>;

/** Which visits a drill-down lists. */
export const VisitFilter = z.enum(['service-over-standard', 'waiting-over-standard', 'all']);
export type VisitFilter = z.infer<typeof VisitFilter>;

/** A visit as staff may see it: times and outcome, never a person (none is ever recorded). */
export const VisitRow = z.object({
  /** Opaque and stable: the device's id and the ticket's id on it. */
  ref: z.string(),
  /** The number printed on the ticket (e.g. "A-017"), null when not known. */
  number: z.string().nullable(),
  localDay: LocalDay,
  issuedAt: z.string(),
  /** The centre's time zone (IANA): its wall clock is the one the visit's times are read on. */
  timeZone: z.string(),
  centreId: z.string(),
  serviceId: z.string(),
  deskId: z.string().nullable(),
  outcome: z.enum(['waiting', 'called', 'serving', 'done', 'no-show']),
  waitingMinutes: z.number().int().nullable(),
  serviceMinutes: z.number().int().nullable(),
  waitingStandardMinutes: z.number().int(),
  serviceStandardMinutes: z.number().int(),
  score: z.number().int().min(1).max(5).nullable(),
});
export type VisitRow = z.infer<typeof VisitRow>;

/** GET dashboard/api/visits?centre&desk?&service?&from&to&filter&offset: at most `limit` rows, longest over first. */
export const VisitsAnswer = z.object({
  scope: MonitoringScope,
  range: DayRange,
  filter: VisitFilter,
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  visits: z.array(VisitRow),
});
export type VisitsAnswer = z.infer<typeof VisitsAnswer>;

export const DeskNow = z.object({
  centreId: z.string(),
  deskId: z.string().nullable(),
  serviceId: z.string(),
  startedAt: z.string(),
  elapsedSeconds: z.number().int(),
  standardMinutes: z.number().int(),
  overStandard: z.boolean(),
});
export type DeskNow = z.infer<typeof DeskNow>;

export const QueueNow = z.object({
  centreId: z.string(),
  serviceId: z.string(),
  waiting: z.number().int(),
  longestWaitSeconds: z.number().int(),
  standardMinutes: z.number().int(),
  overStandard: z.boolean(),
});
export type QueueNow = z.infer<typeof QueueNow>;

/** GET dashboard/api/live?centre (no centre: every centre the account reads). */
export const LiveView = z.object({
  at: z.string(),
  /** Visits being served now, longest first. */
  inProgress: z.array(DeskNow),
  desksOverStandard: z.array(DeskNow),
  /** Per centre and service: tickets waiting (not yet called) and the longest wait so far. */
  queues: z.array(QueueNow),
  queuesOverStandard: z.array(QueueNow),
  printerProblems: z.array(
    z.object({
      deviceId: z.string(),
      centreId: z.string(),
      problems: z.array(PrinterProblem),
      reportedAt: z.string().nullable(),
    }),
  ),
});
export type LiveView = z.infer<typeof LiveView>;

/** A visit passed its standard (the ASAN "automatic control"): kept, one per visit and kind. */
export const StandardEventKind = z.enum(['service-over-standard', 'waiting-over-standard']);
export type StandardEventKind = z.infer<typeof StandardEventKind>;

export const StandardEvent = z.object({
  ref: z.string(),
  kind: StandardEventKind,
  centreId: z.string(),
  serviceId: z.string(),
  deskId: z.string().nullable(),
  localDay: LocalDay,
  /** When the visit passed its standard (issue, or start, plus the standard). */
  passedAt: z.string(),
  standardMinutes: z.number().int(),
});
export type StandardEvent = z.infer<typeof StandardEvent>;

/** GET dashboard/api/events?…scope&from&to: counts per desk and service, and the newest events. */
export const EventsAnswer = z.object({
  scope: MonitoringScope,
  range: DayRange,
  counts: z.array(
    z.object({
      centreId: z.string(),
      deskId: z.string().nullable(),
      serviceId: z.string(),
      kind: StandardEventKind,
      count: z.number().int(),
    }),
  ),
  latest: z.array(StandardEvent),
});
export type EventsAnswer = z.infer<typeof EventsAnswer>;

/** Events counted per desk and service with the two kinds side by side: what the digest and the live view list. */
export interface EventsPerDesk {
  centreId: string;
  deskId: string | null;
  serviceId: string;
  waiting: number;
  service: number;
}

/** The counts of an EventsAnswer folded into one row per centre, desk and service, most events first. */
export function eventsPerDesk(counts: EventsAnswer['counts']): EventsPerDesk[] {
  const rows = new Map<string, EventsPerDesk>();
  for (const row of counts) {
    const key = `${row.centreId}\u0000${row.deskId ?? ''}\u0000${row.serviceId}`;
    const entry = rows.get(key) ?? {
      centreId: row.centreId,
      deskId: row.deskId,
      serviceId: row.serviceId,
      waiting: 0,
      service: 0,
    };
    if (row.kind === 'waiting-over-standard') entry.waiting += row.count;
    else entry.service += row.count;
    rows.set(key, entry);
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.waiting + b.service - (a.waiting + a.service) ||
      (a.deskId ?? '\uffff').localeCompare(b.deskId ?? '\uffff') ||
      a.serviceId.localeCompare(b.serviceId),
  );
}

/** GET dashboard/api/digest?centre&day: a centre's day in one page, for its manager each morning. */
export const DailyDigest = z.object({
  centreId: z.string(),
  day: LocalDay,
  figures: Figures,
  /** The same weekday a week before, to compare with. */
  weekBefore: Figures,
  events: EventsAnswer.shape.counts,
  /** Desks by their visits over the service standard, most first. */
  desks: z.array(
    z.object({
      deskId: z.string().nullable(),
      served: z.number().int(),
      overStandard: z.number().int(),
      medianServiceMinutes: z.number().nullable(),
    }),
  ),
});
export type DailyDigest = z.infer<typeof DailyDigest>;

/** A figure withheld because it rests on fewer visits than the threshold (so no visit can be inferred). */
export const Suppressed = z.object({ suppressed: z.literal(true) });
const shareOrSuppressed = z.union([z.number(), z.null(), Suppressed]);

/** GET /public/api/centres/:id (no sign-in): what a visitor reads on their phone. */
export const PublicCentre = z.object({
  centreId: z.string(),
  name: z.string().nullable(),
  /** The centre's local day "today" is, and the 30 days before it that the shares are read over. */
  today: LocalDay,
  last30: DayRange,
  /** The threshold below which a figure is withheld. */
  threshold: z.number().int(),
  services: z.array(
    z.object({
      serviceId: z.string(),
      name: LocalizedText.nullable(),
      /** Today: tickets waiting now, and the median wait of those called today. */
      waitingNow: z.number().int(),
      todayMedianWaitMinutes: z.union([z.number(), z.null(), Suppressed]),
      serviceStandardMinutes: z.number().int(),
      waitingStandardMinutes: z.number().int(),
      last30ServiceWithinShare: shareOrSuppressed,
      last30WaitingWithinShare: shareOrSuppressed,
      last30SatisfactionAverage: shareOrSuppressed,
      last30ResponseRate: shareOrSuppressed,
    }),
  ),
});
export type PublicCentre = z.infer<typeof PublicCentre>;
