// The browser shell of npm run bench's outbox figure: the kiosk as composeKiosk builds it, with its
// store as shipped or, with --without-outbox, the same store writing no facts: the baseline the
// outbox's cost is measured against, in the same run. Never a way to run a kiosk: a kiosk without
// its outbox loses its history upstream. Both are started the same way (tsx), so only the store differs.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { APP_ROOT, composeKiosk } from '../main/boot/compose';
import { SqliteStore } from '../main/store/sqlite-store';

/** The store with its outbox writes left out: for this bench's baseline only. */
class StoreWithoutOutboxForBenchBaseline extends SqliteStore {
  protected override appendToOutbox(): void {}
}

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    catalog: { type: 'string' },
    'printer-port': { type: 'string' },
    port: { type: 'string' },
    'without-outbox': { type: 'boolean' },
  },
});
if (!values['data-dir'] || !values.catalog || !values['printer-port']) {
  throw new Error(
    'usage: bench-outbox-shell --data-dir <dir> --catalog <file> --printer-port <path> [--without-outbox]',
  );
}
const kiosk = await composeKiosk({
  dataDir: values['data-dir'],
  overrides: {
    catalogPath: values.catalog,
    printer: { port: values['printer-port'] },
    api: { port: Number(values.port ?? 0) },
  },
  rendererDir: join(APP_ROOT, 'dist', 'renderer'),
  ...(values['without-outbox'] && { openStore: (file: string) => new StoreWithoutOutboxForBenchBaseline(file) }),
});
// The line startBrowserShell waits for, as the browser shell prints it.
console.log(`Kiosk screen: ${kiosk.apiUrl}/`);
const stop = async () => {
  await kiosk.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
