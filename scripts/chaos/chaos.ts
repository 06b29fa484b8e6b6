/**
 * `npm run chaos`: the figures behind the README's Reliability section. Drives the built kiosk
 * through its HTTP API, kills it, faults its printer, feeds it malformed messages and files, soaks
 * it with visits while its page is open in Chromium, and times the ticket commit on a big file.
 * Prints one table; exits non-zero when any figure misses its target.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PrintStatus } from '../../main/contract';
import { runCommitLatency } from './commit-latency';
import { formatTable } from './figures';
import type { Figure } from './figures';
import { runFuzz } from './fuzz';
import { requireBuild } from './kiosk-process';
import { runKills } from './kills';
import { runPrinterFaults } from './printer-faults';
import { FULL_SIZES, PARTS, QUICK_SIZES } from './sizes';
import type { ChaosPart, ChaosSizes } from './sizes';
import { runSoak } from './soak';

const USAGE = `Usage: npm run chaos -- [--quick] [--only kills,printer,fuzz,soak,commit] [sizes] [--json <file>]
Sizes (full run / --quick):
  --kills <n>            SIGKILLs during issuing, desk steps and ratings      (${FULL_SIZES.kills} / ${QUICK_SIZES.kills})
  --printer-tickets <n>  tickets each meeting a printer fault                 (${FULL_SIZES.printerTickets} / ${QUICK_SIZES.printerTickets})
  --messages <n>         malformed API messages                               (${FULL_SIZES.messages} / ${QUICK_SIZES.messages})
  --files <n>            mutated configuration and catalog files              (${FULL_SIZES.files} / ${QUICK_SIZES.files})
  --visits <n>           soak visits with the kiosk page open                 (${FULL_SIZES.visits} / ${QUICK_SIZES.visits})
  --history <n>          tickets already in the big database                  (${FULL_SIZES.historyTickets} / ${QUICK_SIZES.historyTickets})
  --commits <n>          ticket commits timed on each database                (${FULL_SIZES.commits} / ${QUICK_SIZES.commits})
  --warm-up <n>          soak visits before the first heap reading (default a tenth, at least 100)
  --role <bus|hall-kiosk> the soaked kiosk's role (default bus: its page also asks for ratings)
  --minutes-per-part <n> stop kills, printer faults and soak visits after n minutes; the table
                         then says how many were made of how many asked`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    kills: { type: 'string' },
    'printer-tickets': { type: 'string' },
    messages: { type: 'string' },
    files: { type: 'string' },
    visits: { type: 'string' },
    history: { type: 'string' },
    commits: { type: 'string' },
    json: { type: 'string' },
    'minutes-per-part': { type: 'string' },
    'warm-up': { type: 'string' },
    role: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function count(flag: string | undefined, fallback: number): number {
  if (flag === undefined) return fallback;
  const value = Number(flag);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`"${flag}" is not a positive whole number\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

const base = values.quick ? QUICK_SIZES : FULL_SIZES;
const sizes: ChaosSizes = {
  kills: count(values.kills, base.kills),
  printerTickets: count(values['printer-tickets'], base.printerTickets),
  messages: count(values.messages, base.messages),
  files: count(values.files, base.files),
  visits: count(values.visits, base.visits),
  historyTickets: count(values.history, base.historyTickets),
  commits: count(values.commits, base.commits),
};
const only = (values.only?.split(',') ?? [...PARTS]) as ChaosPart[];
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0) {
  console.error(`unknown part(s): ${unknown.join(', ')}\n${USAGE}`);
  process.exit(2);
}

requireBuild();
const log = (line: string) => console.log(line);
const figures: Figure[] = [];
const notes: string[] = [];
const started = Date.now();
for (const part of PARTS.filter((name) => only.includes(name))) {
  const partStarted = Date.now();
  const until = values['minutes-per-part'] ? partStarted + count(values['minutes-per-part'], 1) * 60_000 : undefined;
  log(`── ${part}`);
  if (part === 'kills') {
    const result = await runKills({ kills: sizes.kills, until, log });
    figures.push(...result.figures);
    if (result.withoutPrintOutcome > 0 && !PrintStatus.options.includes('interrupted' as never))
      notes.push(
        `${result.withoutPrintOutcome} ticket(s) were left "pending" by a kill: the "interrupted" outcome given at start (issue 10 §2) is not in this build yet.`,
      );
  } else if (part === 'printer') {
    const result = await runPrinterFaults({ tickets: sizes.printerTickets, until, log });
    figures.push(...result.figures);
    notes.push(...result.failures.map((line) => `printer: ${line}`));
  } else if (part === 'fuzz') {
    const result = await runFuzz({ messages: sizes.messages, files: sizes.files, log });
    figures.push(...result.figures);
    notes.push(...result.failures.map((line) => `fuzz: ${line}`));
  } else if (part === 'soak') {
    figures.push(
      ...(
        await runSoak({
          visits: sizes.visits,
          warmUp: values['warm-up'] === undefined ? undefined : count(values['warm-up'], 100),
          role: values.role === 'hall-kiosk' ? 'hall-kiosk' : 'bus',
          until,
          log,
        })
      ).figures,
    );
  } else {
    const result = runCommitLatency({ historyTickets: sizes.historyTickets, commits: sizes.commits, log });
    figures.push(...result.figures);
    if (result.figures.some((figure) => figure.ok === false))
      notes.push(`query plans inside the issuing transaction:\n  ${result.plans.join('\n  ')}`);
  }
  log(`   ${part} took ${Math.round((Date.now() - partStarted) / 1000)} s`);
}

const command = `npm run chaos -- ${process.argv.slice(2).join(' ')}`.trim();
console.log(`\n${formatTable(figures)}\n`);
if (notes.length > 0) console.log(`Notes:\n${notes.map((note) => `- ${note}`).join('\n')}\n`);
const failed = figures.filter((figure) => figure.ok === false);
console.log(
  `${command}: ${Math.round((Date.now() - started) / 1000)} s, ${failed.length === 0 ? 'every target met' : `${failed.length} figure(s) off target`}`,
);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ command, sizes, figures, notes }, null, 2)}\n`);
process.exit(failed.length === 0 ? 0 : 1);
