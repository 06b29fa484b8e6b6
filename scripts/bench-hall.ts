// npm run bench's hall figure: a kiosk of a hall (its tickets numbered by the hall server, over HTTP
// on this machine) against a standalone kiosk (its own queue), both on their own PTY printers.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enrolInHall } from '../main/boot/hall-credential';
import { loadCatalogFile } from '../main/boot/read-files';
import { SqliteHallDevices } from '../main/store/sqlite-hall-devices';
import { startBrowserShell } from '../test/support/browser-shell-process';
import { launchChromium } from '../test/support/chromium';
import { alwaysOpen, SAMPLE_CATALOG } from '../test/support/kiosk-fixture';
import { fmt, openTapRig, percentile, sorted, tapToFirstByte } from './bench-tap';

/** Target of issue 11: tap to first printer byte of a hall kiosk within 1.5× of a standalone kiosk. */
const MAX_HALL_RATIO = 1.5;

/**
 * The same tap on a kiosk of a hall and on a standalone kiosk, in turn (which goes first
 * alternates) so the machine's noise falls on both. The hall server is its own process, as in a hall.
 */
export async function benchHallTap(tickets: number): Promise<boolean> {
  const serverDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-hall-'));
  const catalog = join(serverDir, 'catalog.json');
  writeFileSync(catalog, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
  mkdirSync(join(serverDir, 'data'));
  const serverConfig = join(serverDir, 'hall-server.json');
  writeFileSync(serverConfig, JSON.stringify({ role: 'hall-server' }));
  const server = await startBrowserShell([
    '--data-dir',
    join(serverDir, 'data'),
    '--config',
    serverConfig,
    '--catalog',
    catalog,
  ]);
  // Enrolled as a technician enrols a kiosk: a code on the server, traded for the kiosk's credential.
  const registry = new SqliteHallDevices(join(serverDir, 'data', 'kiosk.sqlite'));
  const { code } = registry.newEnrolCode('kiosk', 'kiosk-1', new Date(Date.now() + 60_000));
  registry.close();
  const enrolled = await enrolInHall({ server: server.url, code, name: 'kiosk-1', dataDir: serverDir });
  if (!enrolled.ok) throw new Error(`the bench's kiosk was not enrolled: ${enrolled.message}`);
  const browser = await launchChromium();
  const shell = (args: string[]) => startBrowserShell(args);
  const hallKiosk = await openTapRig(browser, shell, (dataDir) => {
    writeFileSync(join(dataDir, 'kiosk-config.json'), JSON.stringify({ role: 'hall-kiosk', kioskId: 'kiosk-1' }));
    copyFileSync(enrolled.file, join(dataDir, 'hall-credential.json'));
  });
  const standalone = await openTapRig(browser, shell);
  try {
    const rigs = [hallKiosk, standalone] as const;
    const samples: [number[], number[]] = [[], []];
    for (let i = 0; i < tickets; i++) {
      for (const which of i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
        samples[which].push(await tapToFirstByte(rigs[which]));
      }
    }
    // The figure counts only if the server numbered every ticket (none issued from the kiosk's own block).
    const serverDb = new Database(join(serverDir, 'data', 'kiosk.sqlite'), { readonly: true });
    const numbered = serverDb
      .prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM tickets WHERE origin_kiosk IS NOT NULL')
      .get()!.count;
    serverDb.close();
    if (numbered !== tickets) throw new Error(`the hall server numbered ${numbered} of the ${tickets} tickets`);
    const [hall, own] = [sorted(samples[0]), sorted(samples[1])];
    const ratio = percentile(hall, 50) / percentile(own, 50);
    const met = ratio <= MAX_HALL_RATIO;
    console.log(
      `\nHall kiosk: tap → first printer byte with the ticket numbered by the hall server, against a standalone kiosk (${tickets} tickets each, in turn)`,
    );
    console.log(`  kiosk of a hall:    p50 ${fmt(percentile(hall, 50))} ms   p95 ${fmt(percentile(hall, 95))} ms`);
    console.log(`  baseline, standalone: p50 ${fmt(percentile(own, 50))} ms   p95 ${fmt(percentile(own, 95))} ms`);
    console.log(
      `  ratio p50 ${fmt(ratio, 2)}×, p95 ${fmt(percentile(hall, 95) / percentile(own, 95), 2)}× (target ≤ ${MAX_HALL_RATIO}× at p50: ${met ? 'met' : 'NOT MET'})`,
    );
    return met;
  } finally {
    await hallKiosk.close();
    await standalone.close();
    await browser.close();
    await server.stop();
    rmSync(serverDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tickets = Number(process.argv[2] ?? 30);
  process.exitCode = (await benchHallTap(tickets)) ? 0 : 1;
}
