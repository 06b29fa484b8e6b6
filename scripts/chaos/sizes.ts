/** How much each part does. The full run is the one the README reports; --quick is for a look while developing. */
export interface ChaosSizes {
  kills: number;
  printerTickets: number;
  messages: number;
  files: number;
  visits: number;
  historyTickets: number;
  commits: number;
}

export const FULL_SIZES: ChaosSizes = {
  kills: 1000,
  printerTickets: 200,
  messages: 10_000,
  files: 1000,
  visits: 10_000,
  historyTickets: 1_000_000,
  commits: 1000,
};

export const QUICK_SIZES: ChaosSizes = {
  kills: 20,
  printerTickets: 12,
  messages: 1000,
  files: 100,
  visits: 300,
  historyTickets: 100_000,
  commits: 300,
};

export const PARTS = ['kills', 'printer', 'fuzz', 'soak', 'commit'] as const;
export type ChaosPart = (typeof PARTS)[number];
