import Database from 'better-sqlite3';
import { CallRefused, kiosk } from './kiosk-client';
import type { TicketSeen } from './kiosk-client';
import { spawnKiosk } from './kiosk-process';
import type { KioskProcess } from './kiosk-process';
import { chaosKioskFolder, DESK_ID, DESK_PIN, LANGUAGES, pick, SERVICES } from './kiosk-setup';
import { info, ms, percentile, performed, zero } from './figures';
import type { Figure } from './figures';

export interface KillOptions {
  kills: number;
  /** The kill lands uniformly within this many ms after the API answers. */
  windowMs?: number;
  /** Stop killing at this instant (epoch ms) even if fewer kills were made; the table says so. */
  until?: number;
  log?: (line: string) => void;
}

export interface KillResult {
  kills: number;
  ticketsAcknowledged: number;
  stepsAcknowledged: number;
  ratingsAcknowledged: number;
  duplicates: number;
  gaps: number;
  ticketsLost: number;
  stepsLost: number;
  ratingsLost: number;
  /** Tickets still `pending` (no print outcome) once the kiosk answered again after a kill. */
  withoutPrintOutcome: number;
  /** The kiosk ended by itself, or refused to start again. */
  crashes: number;
  restartMs: number[];
  figures: Figure[];
}

/** The states a ticket may be in after the desk saw a step: a later step may have followed unseen. */
const STATES_AFTER: Record<string, readonly string[]> = {
  called: ['called', 'serving', 'done', 'no-show'],
  started: ['serving', 'done'],
  'no-show': ['no-show'],
  finished: ['done'],
};

interface Acknowledged {
  tickets: Map<number, string>;
  steps: Map<number, string>;
  ratings: Map<number, number>;
}

/** A failure of the connection (the kill), as opposed to the kiosk refusing a call. */
const isCut = (error: unknown) => !(error instanceof CallRefused);

/**
 * One life of the kiosk between two kills: a desk signs in, clears the visit a kill left at it,
 * then visits run (issue, call, start, finish or no-show, rate) until the connection dies. Every
 * call that answered OK is recorded as acknowledged: the visitor or the desk saw it.
 */
async function workUntilCut(url: string, seen: Acknowledged, round: number, signedIn: () => void): Promise<void> {
  try {
    const { token } = await kiosk.deskSignIn(url, DESK_ID, DESK_PIN);
    signedIn();
    const left = (await kiosk.deskState(url, token)).current;
    if (left?.state === 'called') seen.steps.set((await kiosk.noShow(url, token)).id, 'no-show');
    if (left?.state === 'serving') seen.steps.set((await kiosk.finish(url, token)).id, 'finished');
    for (let visit = 0; ; visit++) {
      const ticket = await kiosk.issue(url, pick(SERVICES), pick(LANGUAGES));
      seen.tickets.set(ticket.id, ticket.number);
      const called = await kiosk.callNext(url, token);
      if (!called) throw new Error('a ticket was just issued, yet none waits');
      seen.steps.set(called.id, 'called');
      if ((round + visit) % 5 === 4) {
        seen.steps.set((await kiosk.noShow(url, token)).id, 'no-show');
        continue;
      }
      seen.steps.set((await kiosk.start(url, token)).id, 'started');
      const finished = await kiosk.finish(url, token);
      seen.steps.set(finished.id, 'finished');
      const score = 1 + Math.floor(Math.random() * 5);
      await kiosk.rate(url, finished.id, score);
      seen.ratings.set(finished.id, score);
    }
  } catch (error) {
    if (!isCut(error)) throw error;
  }
}

function pendingTickets(database: string): number[] {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT id FROM tickets WHERE print_status = 'pending'").all() as { id: number }[]).map(
      (row) => row.id,
    );
  } finally {
    db.close();
  }
}

/**
 * Part 1: kills the kiosk with SIGKILL at random moments while visits run through its API, starts
 * it again each time on the same data folder, and checks the file against what was acknowledged.
 */
export async function runKills(options: KillOptions): Promise<KillResult> {
  const log = options.log ?? (() => {});
  const windowMs = options.windowMs ?? 600;
  const folder = chaosKioskFolder('kills');
  const args = ['--config', folder.configFile];
  const seen: Acknowledged = { tickets: new Map(), steps: new Map(), ratings: new Map() };
  const restartMs: number[] = [];
  const leftPending = new Set<number>();
  let crashes = 0;
  let running: KioskProcess | undefined;
  const afterStart = (started: KioskProcess, counted: boolean) => {
    if (counted) restartMs.push(started.startMs);
    // Whatever was in flight died with the last process: a ticket still pending now has no outcome.
    for (const id of pendingTickets(folder.database)) leftPending.add(id);
  };
  try {
    running = await spawnKiosk({ dataDir: folder.dataDir, args });
    let kills = 0;
    for (let kill = 0; kill < options.kills && Date.now() < (options.until ?? Infinity); kill++) {
      kills++;
      const current: KioskProcess = running;
      let killedByUs = false;
      let timer: NodeJS.Timeout | undefined;
      const arm = (withinMs: number) => {
        timer = setTimeout(() => {
          killedByUs = true;
          void current.kill();
        }, Math.random() * withinMs);
      };
      // One kill in ten lands while the desk signs in (a PIN check takes a while); the others
      // while visits run, which is where tickets, steps and ratings are written.
      const duringSignIn = Math.random() < 0.1;
      if (duringSignIn) arm(200);
      await workUntilCut(current.url, seen, kill, () => {
        if (!duringSignIn) arm(windowMs);
      });
      const ended = await current.exited;
      clearTimeout(timer);
      if (!killedByUs) {
        crashes++;
        log(`the kiosk ended by itself (${ended.signal ?? ended.code}):\n${current.output()}`);
      }
      running = await spawnKiosk({ dataDir: folder.dataDir, args }).catch((error: unknown) => {
        crashes++;
        throw error;
      });
      afterStart(running, true);
      if ((kill + 1) % 50 === 0) log(`  kills: ${kill + 1}/${options.kills}`);
    }
    await running.stop();
    running = undefined;
    const result = checkFile(folder.database, seen);
    const figures: Figure[] = [
      info('kills', 'kills (SIGKILL) during issuing, desk steps, ratings', performed(kills, options.kills)),
      info(
        'kills',
        'acknowledged: tickets / desk steps / ratings',
        `${seen.tickets.size} / ${seen.steps.size} / ${seen.ratings.size}`,
      ),
      zero('kills', 'duplicate numbers', result.duplicates),
      zero('kills', 'gaps in numbering', result.gaps),
      zero('kills', 'acknowledged tickets lost', result.ticketsLost),
      zero('kills', 'acknowledged desk steps lost', result.stepsLost),
      zero('kills', 'acknowledged ratings lost', result.ratingsLost),
      zero('kills', 'tickets without a print outcome after restart', leftPending.size),
      zero('kills', 'kiosk ended by itself or failed to restart', crashes),
      info(
        'kills',
        'restart time p50 / p95 (spawn to API answering)',
        `${ms(percentile(restartMs, 50))} / ${ms(percentile(restartMs, 95))}`,
      ),
    ];
    return {
      kills,
      ticketsAcknowledged: seen.tickets.size,
      stepsAcknowledged: seen.steps.size,
      ratingsAcknowledged: seen.ratings.size,
      ...result,
      withoutPrintOutcome: leftPending.size,
      crashes,
      restartMs,
      figures,
    };
  } finally {
    await running?.kill();
    folder.remove();
  }
}

function checkFile(database: string, seen: Acknowledged) {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    const duplicates =
      (
        db
          .prepare(
            'SELECT SUM(n - 1) AS extra FROM (SELECT COUNT(*) AS n FROM tickets GROUP BY local_day, number HAVING n > 1)',
          )
          .get() as { extra: number | null }
      ).extra ?? 0;
    // Each group's numbers of a day run from its first without a hole.
    const gaps = (
      db
        .prepare(
          `SELECT MAX(sequence) - MIN(sequence) + 1 - COUNT(DISTINCT sequence) AS missing
             FROM tickets GROUP BY local_day, ticket_group`,
        )
        .all() as { missing: number }[]
    ).reduce((sum, row) => sum + row.missing, 0);
    const rows = new Map(
      (db.prepare('SELECT id, number, state FROM tickets').all() as Pick<TicketSeen, 'id' | 'number' | 'state'>[]).map(
        (row) => [row.id, row],
      ),
    );
    const ratings = new Map(
      (db.prepare('SELECT ticket_id, score FROM ratings').all() as { ticket_id: number; score: number }[]).map(
        (row) => [row.ticket_id, row.score],
      ),
    );
    let ticketsLost = 0;
    for (const [id, number] of seen.tickets) if (rows.get(id)?.number !== number) ticketsLost++;
    let stepsLost = 0;
    for (const [id, step] of seen.steps) if (!STATES_AFTER[step]?.includes(rows.get(id)?.state ?? '')) stepsLost++;
    let ratingsLost = 0;
    for (const [id, score] of seen.ratings) if (ratings.get(id) !== score) ratingsLost++;
    return { duplicates, gaps, ticketsLost, stepsLost, ratingsLost };
  } finally {
    db.close();
  }
}
