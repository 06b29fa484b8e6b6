import type { DayRange, Figures } from '../../contract/monitoring';
import type { LocalizedText } from '../../contract/languages';

/*
 * What the public pages and the open data read (issue 13; Kyrgyz law, art. 14: public monitoring
 * of service quality): the port main/central/store/public-figures-store.ts implements on
 * PostgreSQL. It answers counts and figures as they are; withholding small ones is the caller's
 * (public-centre.ts, open-data.ts), so the rule is written once, in the open.
 */

/** A centre (or bus) as the public list names it. */
export interface PublicCentreSummary {
  centreId: string;
  name: string | null;
  region: string;
  kind: 'centre' | 'bus';
}

/** One service of a centre: today's and the last 30 days' figures, and who is waiting now. */
export interface PublicServiceFigures {
  serviceId: string;
  name: LocalizedText | null;
  /** Tickets not yet called, now. */
  waitingNow: number;
  today: Figures;
  last30: Figures;
  serviceStandardMinutes: number;
  waitingStandardMinutes: number;
}

export interface PublicCentreFigures {
  centre: PublicCentreSummary;
  /** The centre's own local day now, and the 30 days before it. */
  today: string;
  last30: DayRange;
  services: PublicServiceFigures[];
}

/** One centre × service × month from the month rollups, with what the open data publishes. */
export interface MonthCell {
  month: string;
  centre: PublicCentreSummary;
  serviceId: string;
  serviceNameEn: string | null;
  serviceStandardMinutes: number;
  waitingStandardMinutes: number;
  figures: Figures;
}

export interface PublicReads {
  /** Every centre the central knows (described, or with a device enrolled), by id. */
  centres(): Promise<PublicCentreSummary[]>;
  /** A centre's figures as of `now`; null when the central knows no such centre. */
  centre(centreId: string, now: Date): Promise<PublicCentreFigures | null>;
  /** Months (YYYY-MM) before `before` (YYYY-MM, excluded) that have rolled-up visits, newest first. */
  months(before: string): Promise<string[]>;
  /** The month's rollup rows with tickets, each with its figures. */
  monthCells(month: string): Promise<MonthCell[]>;
}
