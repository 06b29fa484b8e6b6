// npm run bench: printing and latency figures, each with a baseline measured in the same run,
// because these machines are noisy. Needs a build (npm run build) for the latency part.
import { join } from 'node:path';
import { LANGUAGES } from '../main/contract';
import { KioskConfig } from '../main/core/config';
import { loadCatalogFile } from '../main/boot/read-files';
import { ticketQrContent } from '../main/contract';
import { printerProfile } from '../native/printer/profiles';
import { renderTicketBytes, renderWholeTicketBitmapBytes } from '../native/printer/ticket-layout';
import { launchChromium } from '../test/support/chromium';
import { startBrowserShell } from '../test/support/browser-shell-process';
import { benchSearch } from './bench-search';
import { benchSearchInChromium } from './bench-search-chromium';
import { benchCentralIngest } from './bench-central';
import { benchDashboardApi } from './bench-dashboard-api';
import { benchMonitoring } from './bench-monitoring';
import { benchSync } from './bench-sync';
import { benchHallTap } from './bench-hall';
import { fmt, openTapRig, percentile, sorted, tapToFirstByte } from './bench-tap';

const serialSeconds = (bytes: number, baud: number) => (bytes * 10) / baud;

/** Targets of issue 4, for the Epson profile. */
const MAX_TEXT_BYTES = 3 * 1024;
const MAX_SECONDS_AT_9600 = 3.2;
const MIN_BITMAP_RATIO = 15;

/** Bytes per ticket in every language on each profile, against the same ticket sent as one bitmap. */
function benchTicketBytes(): boolean {
  const config = KioskConfig.parse({});
  const catalog = loadCatalogFile(join(import.meta.dirname, '../catalog/sample-catalog.json'));
  const service = catalog.services[0]!;
  let allMet = true;
  for (const profileId of ['epson-tm-t20iii', 'generic-58mm'] as const) {
    const profile = printerProfile(profileId);
    const targets = profileId === 'epson-tm-t20iii';
    console.log(
      `\nBytes per ticket, profile ${profileId} (${profile.printWidthDots} dots, native QR ${profile.nativeQr ? 'yes' : 'no'}): ` +
        `centre "${config.centreName}", service "${service.id}", number A-001`,
    );
    console.log('baseline: the same ticket printed as one whole bitmap, measured in the same run');
    console.log(
      'lang   bytes   9600 baud  115200 baud   bitmap bytes  9600 baud   bitmap/text' + (targets ? '   targets' : ''),
    );
    for (const language of LANGUAGES) {
      const ticket = {
        centreName: config.centreName,
        serviceName: service.name[language],
        number: 'A-001',
        language,
        issuedAt: new Date('2026-11-22T09:30:00Z'),
        timeZone: config.timeZone,
        qrContent: ticketQrContent(config.kioskId, { localDay: '2026-11-22', number: 'A-001' }),
      };
      const text = renderTicketBytes(ticket, profile).length;
      const bitmap = renderWholeTicketBitmapBytes(ticket, profile).length;
      const met =
        text <= MAX_TEXT_BYTES && serialSeconds(text, 9600) < MAX_SECONDS_AT_9600 && bitmap / text >= MIN_BITMAP_RATIO;
      if (targets) allMet &&= met;
      console.log(
        `${language.padEnd(4)} ${String(text).padStart(7)} ${fmt(serialSeconds(text, 9600), 2).padStart(9)} s ${fmt(serialSeconds(text, 115200), 3).padStart(10)} s ${String(bitmap).padStart(14)} ${fmt(serialSeconds(bitmap, 9600)).padStart(8)} s ${fmt(bitmap / text).padStart(10)}×` +
          (targets ? `   ${met ? 'met' : 'NOT MET'}` : ''),
      );
    }
  }
  console.log(
    `\nTargets (Epson profile, every language): ≤ ${MAX_TEXT_BYTES} bytes, < ${MAX_SECONDS_AT_9600} s at 9600 baud, ` +
      `≥ ${MIN_BITMAP_RATIO}× fewer bytes than the whole bitmap: ${allMet ? 'all met' : 'NOT all met'}`,
  );
  return allMet;
}

/** From a tap on a service in Chromium to the first byte at the printer's serial port. */
async function benchTapToFirstByte(tickets: number): Promise<void> {
  const browser = await launchChromium();
  const rig = await openTapRig(browser, (args) => startBrowserShell(args));
  try {
    const tapToByte: number[] = [];
    const apiRoundTrip: number[] = [];
    for (let i = 0; i < tickets; i++) {
      tapToByte.push(await tapToFirstByte(rig));
      // Baseline: the cheapest round trip through the same server, measured in the same loop.
      const startedAt = performance.now();
      await fetch(`${rig.shell.url}/api/call/getKioskInfo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      apiRoundTrip.push(performance.now() - startedAt);
    }
    const [tap, api] = [sorted(tapToByte), sorted(apiRoundTrip)];
    console.log(
      `\nTap on "Take a ticket" → first byte of the ticket at the printer port, after the status check (browser shell, ${tickets} tickets, PTY at 9600 baud)`,
    );
    console.log(`  p50 ${fmt(percentile(tap, 50))} ms   p95 ${fmt(percentile(tap, 95))} ms`);
    console.log(
      `  baseline, one getKioskInfo HTTP round trip: p50 ${fmt(percentile(api, 50), 2)} ms   p95 ${fmt(percentile(api, 95), 2)} ms`,
    );
    console.log(`  ratio p50 ${fmt(percentile(tap, 50) / percentile(api, 50))}×`);
  } finally {
    await rig.close();
    await browser.close();
  }
}

/** Target of issue 12: the outbox costs the visitor at most a fifth more from tap to first printer byte. */
const MAX_OUTBOX_RATIO = 1.2;
const OUTBOX_SHELL = join(import.meta.dirname, 'bench-outbox-shell.ts');

/**
 * The same tap with and without the outbox: two kiosks started the same way (bench-outbox-shell.ts),
 * one whose store writes no facts, tapped in turn (which goes first alternates) so the machine's
 * noise falls on both.
 */
async function benchOutboxCost(tickets: number): Promise<boolean> {
  const browser = await launchChromium();
  const shell = (extra: string[]) => (args: string[]) =>
    startBrowserShell([...args, ...extra], ['--import', 'tsx', OUTBOX_SHELL]);
  const withOutbox = await openTapRig(browser, shell([]));
  const withoutOutbox = await openTapRig(browser, shell(['--without-outbox']));
  try {
    const rigs = [withOutbox, withoutOutbox] as const;
    const samples: [number[], number[]] = [[], []];
    for (let i = 0; i < tickets; i++) {
      for (const which of i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
        samples[which].push(await tapToFirstByte(rigs[which]));
      }
    }
    const [on, off] = [sorted(samples[0]), sorted(samples[1])];
    const ratio = percentile(on, 50) / percentile(off, 50);
    const met = ratio <= MAX_OUTBOX_RATIO;
    console.log(
      `\nOutbox write cost: tap → first printer byte with the outbox, against the same kiosk whose store writes no facts (${tickets} tickets each, in turn)`,
    );
    console.log(`  with the outbox:    p50 ${fmt(percentile(on, 50))} ms   p95 ${fmt(percentile(on, 95))} ms`);
    console.log(`  baseline, without:  p50 ${fmt(percentile(off, 50))} ms   p95 ${fmt(percentile(off, 95))} ms`);
    console.log(
      `  ratio p50 ${fmt(ratio, 2)}×, p95 ${fmt(percentile(on, 95) / percentile(off, 95), 2)}× (target ≤ ${MAX_OUTBOX_RATIO}× at p50: ${met ? 'met' : 'NOT MET'})`,
    );
    return met;
  } finally {
    await withOutbox.close();
    await withoutOutbox.close();
    await browser.close();
  }
}

const targetsMet = benchTicketBytes();
const searchTargetsMet = benchSearch();
await benchSearchInChromium();
await benchTapToFirstByte(50);
const outboxTargetMet = await benchOutboxCost(50);
const hallTargetMet = await benchHallTap(50);
const syncTargetMet = await benchSync(30);
const ingestTargetMet = await benchCentralIngest();
// A modest network and few runs here (35 queries each way); scripts/bench-monitoring.ts alone takes
// --visits 10000000, or --database-url of a network generated before.
const monitoringTargetMet = await benchMonitoring({ visits: 300_000, runs: 10, rawRuns: 3, ingestVisits: 1_500 });
// The dashboards' other reads (breakdown one level down, series, visits over standard) on the same size.
const dashboardApiTargetMet = await benchDashboardApi({ visits: 300_000, runs: 10 });
if (
  !targetsMet ||
  !searchTargetsMet ||
  !outboxTargetMet ||
  !hallTargetMet ||
  !syncTargetMet ||
  !ingestTargetMet ||
  !monitoringTargetMet ||
  !dashboardApiTargetMet
) {
  process.exitCode = 1;
}
