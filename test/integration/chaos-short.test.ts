import { describe, expect, it } from 'vitest';
import { PrintStatus } from '../../main/contract';
import { runCommitLatency } from '../../scripts/chaos/commit-latency';
import type { Figure } from '../../scripts/chaos/figures';
import { runFuzz } from '../../scripts/chaos/fuzz';
import { requireBuild } from '../../scripts/chaos/kiosk-process';
import { runKills } from '../../scripts/chaos/kills';
import type { KillResult } from '../../scripts/chaos/kills';
import { runPrinterFaults } from '../../scripts/chaos/printer-faults';
import { runSoak } from '../../scripts/chaos/soak';

/**
 * `npm run chaos` at small sizes (the figures themselves are in the README's Reliability section):
 * the built kiosk as its own process, killed with SIGKILL, its printer faulted through a PTY, fed
 * malformed messages and files, soaked with its page open in Chromium. Asserts what must be zero;
 * timings and heap growth are figures of the full run, not asserted here.
 */
const offTarget = (figures: Figure[]) => figures.filter((figure) => figure.ok === false);
const figure = (figures: Figure[], name: string) => figures.find((entry) => entry.figure.startsWith(name));
/** Issue 10 §2: tickets a kill left `pending` get the `interrupted` outcome at start. */
const interruptedLanded = (PrintStatus.options as readonly string[]).includes('interrupted');

describe('chaos, short: the kiosk process killed, faulted and fed garbage through its real HTTP API', () => {
  requireBuild();

  let kills: KillResult | undefined;
  it('five SIGKILLs during issuing, desk steps and ratings: no duplicate, gap or acknowledged ticket, step or rating lost', async () => {
    kills = await runKills({ kills: 5, windowMs: 1500 });
    expect(kills.ticketsAcknowledged + kills.stepsAcknowledged).toBeGreaterThan(0);
    expect(kills.restartMs).toHaveLength(5);
    expect({
      duplicates: kills.duplicates,
      gaps: kills.gaps,
      ticketsLost: kills.ticketsLost,
      stepsLost: kills.stepsLost,
      ratingsLost: kills.ratingsLost,
      crashes: kills.crashes,
    }).toEqual({ duplicates: 0, gaps: 0, ticketsLost: 0, stepsLost: 0, ratingsLost: 0, crashes: 0 });
  }, 90_000);

  it('after those kills, every ticket has a print outcome once the kiosk is up again', (context) => {
    if (!kills) return context.skip('the kills above did not run');
    if (!interruptedLanded && kills.withoutPrintOutcome > 0)
      return context.skip(
        `${kills.withoutPrintOutcome} ticket(s) stayed "pending" after a kill: the "interrupted" outcome given at start (issue 10 §2) is not in this build yet`,
      );
    expect(kills.withoutPrintOutcome).toBe(0);
  });

  it('a printer fault at a random point of each ticket (paper out, cover open, unplugged, silent): every ticket ends with an outcome and the visitor is told', async () => {
    const { figures, failures } = await runPrinterFaults({ tickets: 4 });
    expect(failures).toEqual([]);
    expect(offTarget(figures)).toEqual([]);
  }, 90_000);

  it('malformed messages and mutated configuration and catalog files: each refused clearly with the field named, nothing written, no crash', async () => {
    const { figures } = await runFuzz({ messages: 200, files: 30, oversized: 1 });
    // A 13 MB upload is answered 413 (the server drains the rest rather than cutting the socket).
    expect(offTarget(figures)).toEqual([]);
    expect(figure(figures, 'malformed API messages sent')?.value).toMatch(/^200 /);
  }, 90_000);

  it('a short soak with the kiosk page open: no page error, heap figures read from both processes', async () => {
    const { figures } = await runSoak({ visits: 40, warmUp: 15 });
    expect(figure(figures, 'errors on the kiosk page')?.ok).toBe(true);
    for (const name of ['main process heap', 'kiosk page heap']) expect(figure(figures, name)?.value).toMatch(/MB →/);
  }, 90_000);

  it('ticket commits on an empty file and one with history use the indexes (timings are figures of the full run)', () => {
    const result = runCommitLatency({ historyTickets: 20_000, commits: 50 });
    expect(Number.isFinite(result.emptyP99) && Number.isFinite(result.bigP99)).toBe(true);
    expect(result.plans.join('\n')).not.toMatch(/SCAN tickets/);
  });
});
