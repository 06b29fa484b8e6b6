import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, CDPSession } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium';
import { SqliteStore } from '../../main/store/sqlite-store';
import { timeCommits } from './commit-latency';
import { info, ms, percentile, performed } from './figures';
import type { Figure } from './figures';
import { kiosk } from './kiosk-client';
import { spawnKiosk } from './kiosk-process';
import type { KioskProcess } from './kiosk-process';
import { chaosKioskFolder, DESK_ID, DESK_PIN, LANGUAGES, pick, SERVICES } from './kiosk-setup';

export interface SoakOptions {
  visits: number;
  /** Visits before the first heap and commit figures (default a tenth, at least 100). */
  warmUp?: number;
  /** Stop the visits at this instant (epoch ms); the table says how many were made. */
  until?: number;
  /** The device's role (default bus: the kiosk page also asks for ratings). */
  role?: 'bus' | 'hall-kiosk';
  log?: (line: string) => void;
}

const HEAP_PROBE = join(import.meta.dirname, 'heap-probe-shell.mjs');

/** The kiosk process's heap after a forced GC, through the heap probe's IPC channel. */
function mainHeap(running: KioskProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the heap probe did not answer')), 10_000);
    running.child.once('message', (message: { heapUsed: number }) => {
      clearTimeout(timer);
      resolve(message.heapUsed);
    });
    running.child.send('heap');
  });
}

/** The kiosk page's JS heap after Chromium's own full GC (CDP), as its DevTools memory panel reads it. */
async function pageHeap(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  return usedSize;
}

/** The least of three readings: a GC can leave a little floating garbage once, not three times. */
async function settled(read: () => Promise<number>): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) readings.push(await read());
  return Math.min(...readings);
}

const growth = (from: number, to: number) => (to - from) / from;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)} %`;

/**
 * Part 4: visits (issue, call, start, finish, rate) one after another through the API while the
 * kiosk page is open in Chromium and receives every event; heap of both processes and the ticket
 * commit after the warm-up and at the end.
 */
export async function runSoak(options: SoakOptions): Promise<{ figures: Figure[] }> {
  const log = options.log ?? (() => {});
  const warmUp = options.warmUp ?? Math.max(100, Math.round(options.visits / 10));
  const folder = chaosKioskFolder('soak', {}, { role: options.role ?? 'bus' });
  let running: KioskProcess | undefined;
  let browser: Browser | undefined;
  try {
    running = await spawnKiosk({
      dataDir: folder.dataDir,
      args: ['--config', folder.configFile],
      entry: HEAP_PROBE,
      nodeArgs: ['--expose-gc'],
      ipc: true,
    });
    const url = running.url;
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${url}/`);
    await page.waitForLoadState('networkidle');
    const session = await page.context().newCDPSession(page);
    const { token } = await kiosk.deskSignIn(url, DESK_ID, DESK_PIN);

    const issueMs: number[] = [];
    const visit = async () => {
      const started = performance.now();
      await kiosk.issue(url, pick(SERVICES), pick(LANGUAGES));
      issueMs.push(performance.now() - started);
      if (!(await kiosk.callNext(url, token))) throw new Error('a ticket was just issued, yet none waits');
      await kiosk.start(url, token);
      const finished = await kiosk.finish(url, token);
      await kiosk.rate(url, finished.id, 1 + Math.floor(Math.random() * 5));
    };
    // The store's own commit, timed on the soak's file by a second connection while the kiosk rests
    // (on a day of its own, so the kiosk's queue of today is not touched).
    const commitP99 = (day: string) => {
      const store = new SqliteStore(folder.database);
      try {
        return percentile(timeCommits(store, 200, day), 99);
      } finally {
        store.close();
      }
    };

    for (let i = 0; i < warmUp; i++) await visit();
    const startMain = await settled(() => mainHeap(running as KioskProcess));
    const startPage = await settled(() => pageHeap(session));
    const startCommit = commitP99('2000-01-01');
    const firstIssues = issueMs.length;
    let visits = warmUp;
    for (let i = warmUp; i < options.visits && Date.now() < (options.until ?? Infinity); i++) {
      await visit();
      visits++;
      if ((i + 1) % 1000 === 0) log(`  soak: ${i + 1}/${options.visits} visits`);
    }
    const endMain = await settled(() => mainHeap(running as KioskProcess));
    const endPage = await settled(() => pageHeap(session));
    const endCommit = commitP99('2000-01-02');
    const window = Math.min(1000, Math.floor((issueMs.length - firstIssues) / 2));
    const issueStart = issueMs.slice(firstIssues, firstIssues + window);
    const issueEnd = issueMs.slice(issueMs.length - window);
    const stillShowing = await page.locator('body').isVisible();
    const figures: Figure[] = [
      info(
        'soak',
        'visits (issue, call, start, finish, rate), kiosk page open',
        `${performed(visits, options.visits)} (warm-up ${warmUp})`,
      ),
      {
        part: 'soak',
        figure: 'main process heap after GC, warm-up → end',
        value: `${mb(startMain)} → ${mb(endMain)} (${pct(growth(startMain, endMain))})`,
        target: '≤ +10 %',
        ok: growth(startMain, endMain) <= 0.1,
      },
      {
        part: 'soak',
        figure: 'kiosk page heap after GC, warm-up → end',
        value: `${mb(startPage)} → ${mb(endPage)} (${pct(growth(startPage, endPage))})`,
        target: '≤ +10 %',
        ok: growth(startPage, endPage) <= 0.1,
      },
      info('soak', 'ticket commit p99 (store, fsync), warm-up → end', `${ms(startCommit)} → ${ms(endCommit)}`),
      info(
        'soak',
        `issueTicket call p99 (HTTP, with printing), first → last ${window}`,
        `${ms(percentile(issueStart, 99))} → ${ms(percentile(issueEnd, 99))}`,
      ),
      {
        part: 'soak',
        figure: 'errors on the kiosk page',
        value: String(pageErrors.length),
        target: '0',
        ok: pageErrors.length === 0 && stillShowing,
      },
    ];
    return { figures };
  } finally {
    await browser?.close();
    await running?.kill();
    folder.remove();
  }
}
