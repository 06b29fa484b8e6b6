import Database from 'better-sqlite3';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NewTicket } from '../../main/core/ports';
import { SqliteStore } from '../../main/store/sqlite-store';
import { info, ms, percentile } from './figures';
import type { Figure } from './figures';

export interface CommitOptions {
  /** Tickets already in the big file (1,000,000 in the full run). */
  historyTickets: number;
  /** Commits timed on each file. */
  commits: number;
  log?: (line: string) => void;
}

const TICKETS_PER_DAY = 1000;
const GROUPS = ['A', 'B', 'D'];
const SERVICE_OF_GROUP: Record<string, string> = { A: 'passport', B: 'birth-certificate', D: 'driving-licence' };

/**
 * Years of history in one transaction from a recursive CTE, through the store's own schema (the
 * SqliteStore constructor runs every migration first): 1,000 tickets a day in three groups, each
 * served and finished with its issued/finished events, one in three rated.
 */
export function fillHistory(file: string, tickets: number): void {
  new SqliteStore(file).close();
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @tickets)
         INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, issued_at,
           print_status, print_outcome_at, state, desk_id, called_at, serving_started_at, visit_ended_at, people_ahead)
         SELECT printf('%s-%03d', g, s), g, s, d, svc, 'az', t, 'printed', t, 'done', '1', t, t,
           strftime('%Y-%m-%dT%H:%M:%fZ', t, '+5 minutes'), 3
         FROM (SELECT i,
           CASE i % 3 WHEN 0 THEN 'A' WHEN 1 THEN 'B' ELSE 'D' END AS g,
           CASE i % 3 WHEN 0 THEN 'passport' WHEN 1 THEN 'birth-certificate' ELSE 'driving-licence' END AS svc,
           (i % ${TICKETS_PER_DAY}) / 3 + 1 AS s,
           date('2020-01-01', '+' || (i / ${TICKETS_PER_DAY}) || ' days') AS d,
           strftime('%Y-%m-%dT%H:%M:%fZ', date('2020-01-01', '+' || (i / ${TICKETS_PER_DAY}) || ' days'),
             '+5 hours', '+' || ((i % ${TICKETS_PER_DAY}) * 30) || ' seconds') AS t
           FROM n)`,
      ).run({ tickets });
      db.exec(`INSERT INTO visit_events (ticket_id, kind, desk_id, service_id, at)
                 SELECT id, 'issued', NULL, service_id, issued_at FROM tickets;
               INSERT INTO visit_events (ticket_id, kind, desk_id, service_id, at)
                 SELECT id, 'finished', desk_id, service_id, visit_ended_at FROM tickets;
               INSERT INTO ratings (ticket_id, score, language, rated_at, service_id, desk_id, visit_ended_at)
                 SELECT id, 1 + id % 5, 'az', visit_ended_at, service_id, desk_id, visit_ended_at FROM tickets WHERE id % 3 = 0;`);
    })();
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}

const newTicket = (group: string, localDay: string): NewTicket => ({
  group,
  numbering: { start: 1, end: 999999, width: 6 },
  localDay,
  serviceId: SERVICE_OF_GROUP[group] ?? 'passport',
  language: 'ru',
  priority: null,
  issuedAt: new Date(),
  peopleAhead: 0,
  estimatedWaitMinutes: null,
  // With a limit, the transaction also counts the service's tickets of the day, as the sample catalog's services do.
  dailyLimit: 1_000_000,
});

/** The store's issueTicket (an IMMEDIATE transaction, WAL, synchronous=FULL: one fsync a commit), timed one by one. */
export function timeCommits(store: SqliteStore, commits: number, localDay: string, first = 0): number[] {
  const times: number[] = [];
  for (let i = first; i < first + commits; i++) {
    const ticket = newTicket(GROUPS[i % GROUPS.length] ?? 'A', localDay);
    const started = performance.now();
    const outcome = store.issueTicket(ticket);
    times.push(performance.now() - started);
    if (!outcome.ok) throw new Error(`the store refused a ticket: ${outcome.reason}`);
  }
  return times;
}

/** The query plans of the statements inside the issuing transaction, for the report when the target is missed. */
export function issuePlans(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const plan = (sql: string, ...params: unknown[]) =>
      `${sql.replace(/\s+/g, ' ')}\n    ${(
        db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
      )
        .map((row) => row.detail)
        .join('\n    ')}`;
    return [
      plan('SELECT COUNT(*) AS count FROM tickets WHERE local_day = ? AND service_id = ?', '2026-01-01', 'passport'),
      plan('SELECT MAX(sequence) AS last FROM tickets WHERE local_day = ? AND ticket_group = ?', '2026-01-01', 'A'),
    ];
  } finally {
    db.close();
  }
}

/** The disk alone: a 4 KB write and fsync of a plain file in the same folder, as often as the commits. */
function timeFsyncs(file: string, count: number): number[] {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      writeSync(fd, block, 0, block.length, (i % 256) * 4096);
      fsyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
  }
  return times;
}

export interface CommitResult {
  emptyP50: number;
  emptyP99: number;
  bigP50: number;
  bigP99: number;
  figures: Figure[];
  plans: string[];
}

/** Part 5: the ticket commit on an empty file and on one holding years of history. */
export function runCommitLatency(options: CommitOptions): CommitResult {
  const log = options.log ?? (() => {});
  // os.tmpdir() is on the machine's disk here (not tmpfs), so every commit pays a real fsync.
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-chaos-commit-'));
  try {
    const today = new Date().toISOString().slice(0, 10);
    const bigFile = join(dir, 'history.sqlite');
    const started = performance.now();
    fillHistory(bigFile, options.historyTickets);
    log(`  ${options.historyTickets} tickets of history written in ${ms(performance.now() - started)}`);
    const empty = new SqliteStore(join(dir, 'empty.sqlite'));
    const big = new SqliteStore(bigFile);
    // Turn about, one commit on each file at a time, so both meet the same disk and the same
    // neighbours on a shared machine: the ratio compares the files, not two moments.
    const emptyTimes: number[] = [];
    const bigTimes: number[] = [];
    for (let i = 0; i < options.commits; i++) {
      emptyTimes.push(...timeCommits(empty, 1, today, i));
      bigTimes.push(...timeCommits(big, 1, today, i));
    }
    empty.close();
    big.close();
    const fsyncs = timeFsyncs(join(dir, 'fsync.bin'), options.commits);
    const result = {
      emptyP50: percentile(emptyTimes, 50),
      emptyP99: percentile(emptyTimes, 99),
      bigP50: percentile(bigTimes, 50),
      bigP99: percentile(bigTimes, 99),
    };
    const ratio = result.bigP99 / result.emptyP99;
    const figures: Figure[] = [
      info('commit', 'commits timed on each file (fsync each, WAL, synchronous=FULL)', String(options.commits)),
      info(
        'commit',
        'the disk alone: 4 KB write + fsync p50 / p99',
        `${ms(percentile(fsyncs, 50))} / ${ms(percentile(fsyncs, 99))}`,
      ),
      {
        part: 'commit',
        figure: 'ticket commit p50 / p99, empty file',
        value: `${ms(result.emptyP50)} / ${ms(result.emptyP99)}`,
        target: '≤ 5 ms',
        ok: result.emptyP99 <= 5,
      },
      {
        part: 'commit',
        figure: `ticket commit p50 / p99, ${options.historyTickets.toLocaleString('en')} tickets held`,
        value: `${ms(result.bigP50)} / ${ms(result.bigP99)}`,
        target: '≤ 5 ms',
        ok: result.bigP99 <= 5,
      },
      info('commit', 'p50 with history ÷ p50 empty', `${(result.bigP50 / result.emptyP50).toFixed(2)}×`),
      {
        part: 'commit',
        figure: 'p99 with history ÷ p99 empty',
        value: `${ratio.toFixed(2)}×`,
        target: '≤ 1.5×',
        ok: ratio <= 1.5,
      },
    ];
    return { ...result, figures, plans: issuePlans(bigFile) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
