import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The layer rule of eslint.config.js, run through ESLint's own API on probe files: each probe is
 * one import placed in a layer (the file need not exist; its path decides its layer). A refused
 * import must fail with boundaries' rule, an allowed one must lint clean.
 */
const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

async function layerProblems(filePath: string, source: string): Promise<string[]> {
  const code = `${source}\nexport const probe = used;\n`;
  const results = await eslint.lintText(code, { filePath });
  return results
    .flatMap((result) => result.messages)
    .filter((m) => m.ruleId?.startsWith('boundaries/') || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

// [what, the probe's path, its import]: each names the module as `used`.
const refused: Array<[string, string, string]> = [
  ['native → store', 'native/printer/probe.ts', "import { SqliteStore as used } from '../../main/store/sqlite-store';"],
  ['native → boot', 'native/printer/probe.ts', "import { composeKiosk as used } from '../../main/boot/compose';"],
  [
    'native → core (a value)',
    'native/printer/probe.ts',
    "import { KioskConfig as used } from '../../main/core/config';",
  ],
  ['store → api', 'main/store/probe.ts', "import { startApiServer as used } from '../api/server';"],
  ['core → better-sqlite3', 'main/core/probe.ts', "import used from 'better-sqlite3';"],
  ['core → serialport', 'main/core/probe.ts', "import { SerialPort as used } from 'serialport';"],
  ['core → node:fs', 'main/core/probe.ts', "import { readFileSync as used } from 'node:fs';"],
  ['core → node:net', 'main/core/probe.ts', "import { isIP as used } from 'node:net';"],
  ['core → store', 'main/core/probe.ts', "import { SqliteStore as used } from '../store/sqlite-store';"],
  ['core → pino', 'main/core/probe.ts', "import used from 'pino';"],
  ['contract → better-sqlite3', 'main/contract/probe.ts', "import used from 'better-sqlite3';"],
  ['contract → core', 'main/contract/probe.ts', "import { KioskConfig as used } from '../core/config';"],
  ['contract → node:path', 'main/contract/probe.ts', "import { join as used } from 'node:path';"],
  ['renderer → main/core', 'renderer/src/probe.ts', "import { KioskConfig as used } from '../../main/core/config';"],
  ['renderer → node:fs', 'renderer/src/probe.ts', "import { readFileSync as used } from 'node:fs';"],
  ['api → store', 'main/api/probe.ts', "import { SqliteStore as used } from '../store/sqlite-store';"],
  [
    'api → native',
    'main/api/probe.ts',
    "import { createTicketPrinter as used } from '../../native/printer/create-printer';",
  ],
  ['api → boot', 'main/api/probe.ts', "import { composeKiosk as used } from '../boot/compose';"],
  ['boot → app', 'main/boot/probe.ts', "import { registerKioskCalls as used } from '../app/ipc';"],
  ['central → main/store', 'main/central/probe.ts', "import { SqliteStore as used } from '../store/sqlite-store';"],
  ['central → main/core', 'main/central/probe.ts', "import { KioskConfig as used } from '../core/config';"],
  ['central → pg', 'main/central/probe.ts', "import used from 'pg';"],
  ['central → node:fs', 'main/central/probe.ts', "import { readFileSync as used } from 'node:fs';"],
  ['shared → node:fs', 'main/shared/probe.ts', "import { readFileSync as used } from 'node:fs';"],
  [
    'central http → central store (PostgreSQL)',
    'main/central/http/probe.ts',
    "import { PostgresStore as used } from '../store/postgres-store';",
  ],
  [
    'central boot → main/boot',
    'main/central/boot/probe.ts',
    "import { composeKiosk as used } from '../../boot/compose';",
  ],
  [
    'central store → main/store',
    'main/central/store/probe.ts',
    "import { SqliteStore as used } from '../../store/sqlite-store';",
  ],
  [
    'hall → native',
    'main/hall/probe.ts',
    "import { createTicketPrinter as used } from '../../native/printer/create-printer';",
  ],
  ['shared → core', 'main/shared/probe.ts', "import { KioskConfig as used } from '../core/config';"],
  ['hall → store', 'main/hall/probe.ts', "import { SqliteStore as used } from '../store/sqlite-store';"],
  ['core → electron', 'main/core/probe.ts', "import { app as used } from 'electron';"],
  ['boot → electron', 'main/boot/probe.ts', "import { app as used } from 'electron';"],
  ['api → electron', 'main/api/probe.ts', "import { app as used } from 'electron';"],
  ['renderer → electron', 'renderer/src/probe.ts', "import { ipcRenderer as used } from 'electron';"],
  ['a core test → electron', 'test/unit/core/probe.test.ts', "import { app as used } from 'electron';"],
  ['a script → electron', 'scripts/probe.ts', "import { app as used } from 'electron';"],
  ['the preload → the contract with zod', 'main/app/preload.ts', "import { kioskCalls as used } from '../contract';"],
  ['a file in a folder no layer claims', 'newtier/probe.ts', "import { LANGUAGES as used } from '../main/contract';"],
];

const allowed: Array<[string, string, string]> = [
  ['the preload → call names', 'main/app/preload.ts', "import { ipcChannel as used } from '../contract/call-names';"],
  ['the preload → contract types', 'main/app/preload.ts', "import type { KioskBridge as used } from '../contract';"],
  ['core → contract', 'main/core/probe.ts', "import { LANGUAGES as used } from '../contract';"],
  ['core → zod', 'main/core/probe.ts', "import { z as used } from 'zod';"],
  ['core → node:crypto (scrypt)', 'main/core/probe.ts', "import { scrypt as used } from 'node:crypto';"],
  ['shared → node:crypto (scrypt)', 'main/shared/probe.ts', "import { scrypt as used } from 'node:crypto';"],
  [
    'central → node:crypto (staff passwords, sessions)',
    'main/central/probe.ts',
    "import { scrypt as used } from 'node:crypto';",
  ],
  ['store → core ports', 'main/store/probe.ts', "import type { KioskStore as used } from '../core/ports';"],
  ['store → better-sqlite3', 'main/store/probe.ts', "import used from 'better-sqlite3';"],
  [
    'native → core types',
    'native/printer/probe.ts',
    "import type { TicketPrinter as used } from '../../main/core/ports';",
  ],
  ['native → serialport', 'native/printer/probe.ts', "import { SerialPort as used } from 'serialport';"],
  [
    'native → shared',
    'native/printer/probe.ts',
    "import { plainSpaces as used } from '../../main/shared/printed-text';",
  ],
  ['api → core', 'main/api/probe.ts', "import { dispatchCall as used } from '../core/dispatch';"],
  ['boot → store', 'main/boot/probe.ts', "import { SqliteStore as used } from '../store/sqlite-store';"],
  ['app → boot', 'main/app/probe.ts', "import { composeKiosk as used } from '../boot/compose';"],
  ['app → electron', 'main/app/probe.ts', "import { app as used } from 'electron';"],
  ['renderer → contract', 'renderer/src/probe.ts', "import { LANGUAGES as used } from '../../main/contract';"],
  ['hall → core', 'main/hall/probe.ts', "import { KioskConfig as used } from '../core/config';"],
  ['central → contract', 'main/central/probe.ts', "import { LANGUAGES as used } from '../contract';"],
  [
    'central → shared',
    'main/central/probe.ts',
    "import { printerProblems as used } from '../shared/printer-problems';",
  ],
  [
    'central boot → central store',
    'main/central/boot/probe.ts',
    "import { PostgresStore as used } from '../store/postgres-store';",
  ],
  ['central http → node:https', 'main/central/http/probe.ts', "import { createServer as used } from 'node:https';"],
  [
    'an app test → electron (the fake module)',
    'test/unit/app/probe.test.ts',
    "import { app as used } from 'electron';",
  ],
  [
    'a test → store',
    'test/unit/core/probe.test.ts',
    "import { SqliteStore as used } from '../../../main/store/sqlite-store';",
  ],
];

// Loading the config and the TypeScript parser takes seconds on a busy machine; done once here.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: 'main/core/probe.ts' });
}, 60_000);

describe('the layer rule (eslint.config.js)', () => {
  it.each(refused)('refuses %s', async (_what, filePath, source) => {
    const problems = await layerProblems(filePath, source);
    expect(problems.length, `${filePath}: ${source}`).toBeGreaterThan(0);
  });

  it.each(allowed)('allows %s', async (_what, filePath, source) => {
    expect(await layerProblems(filePath, source)).toEqual([]);
  });
});
