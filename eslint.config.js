// @ts-check
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/*
 * The layers of DESIGN.md as an allow-list (README, "Where things are"): each layer names the layers,
 * npm packages and Node built-ins it may import, and anything not named is refused. A file in a
 * folder no layer claims is refused too (boundaries/no-unknown-files), so a new folder is placed
 * in the scheme before its first line is merged. test/unit/lint/layer-rules.test.ts lints probe
 * imports against this file.
 */
const LAYERS = [
  { type: 'contract', pattern: 'main/contract' },
  { type: 'shared', pattern: 'main/shared' },
  { type: 'core', pattern: 'main/core' },
  { type: 'store', pattern: 'main/store' },
  { type: 'api', pattern: 'main/api' },
  { type: 'boot', pattern: 'main/boot' },
  { type: 'app', pattern: 'main/app' },
  { type: 'hall', pattern: 'main/hall' },
  { type: 'central-store', pattern: 'main/central/store' },
  { type: 'central-http', pattern: 'main/central/http' },
  { type: 'central-boot', pattern: 'main/central/boot' },
  { type: 'central', pattern: 'main/central' },
  { type: 'native', pattern: 'native' },
  { type: 'renderer', pattern: 'renderer' },
  { type: 'locales', pattern: 'locales' },
  { type: 'catalog', pattern: 'catalog' },
  { type: 'config', pattern: 'config' },
  { type: 'test', pattern: 'test' },
  { type: 'scripts', pattern: 'scripts' },
].map((element) => ({ ...element, partialMatch: false }));

/**
 * Every Node built-in, written with its `node:` prefix as the code does. Core, contract, shared,
 * hall, central and the renderer get none of them (core, shared and central: node:crypto alone, for
 * scrypt and random tokens).
 */
const NODE_BUILTINS = ['node:*', 'node:*/*'];
const ALL_LAYERS = LAYERS.map((layer) => layer.type);
/** Packages that do I/O or need a native build: named where they may be used, refused elsewhere. */
const SERVER_PACKAGES = ['better-sqlite3', 'ws', 'pino'];
const NATIVE_PACKAGES = ['serialport', 'node-thermal-printer', '@napi-rs/canvas', 'iconv-lite', 'qrcode'];
const RENDERER_PACKAGES = [
  'react',
  'react-dom',
  'react-i18next',
  'i18next',
  'qrcode',
  'zod',
  '@fontsource/*',
  'echarts',
];

/**
 * One layer's allow-list: its own files, the layers, npm packages and Node built-ins named here
 * (`typesFrom`: layers it may import types from, nothing else). `why` is for the reader; the lint
 * message names the two layers.
 * @param {string} from the layer
 * @param {{ layers?: string[], typesFrom?: string[], packages?: string[], builtins?: string[], why: string }} allowed
 */
function layer(from, { layers = [], typesFrom = [], packages = [], builtins = [] }) {
  /** @type {Array<Record<string, unknown>>} */
  const to = [{ element: { type: [from, ...layers] } }];
  if (packages.length > 0) to.push({ module: { origin: 'external', source: packages } });
  if (builtins.length > 0) to.push({ module: { origin: 'core', source: builtins } });
  const policies = [{ from: { element: { type: from } }, allow: { to } }];
  if (typesFrom.length > 0) {
    policies.push({
      from: { element: { type: from } },
      allow: { to: { element: { type: typesFrom } }, dependency: { kind: 'type' } },
    });
  }
  return policies;
}

/** Every import is checked: other layers, npm packages and Node built-ins alike, unresolved files too. */
const CHECK_ALL = { default: 'disallow', checkAllOrigins: true, checkUnknownLocals: true };

const layerPolicies = [
  ...layer('contract', {
    packages: ['zod'],
    why: 'the contract runs in main, preload and renderer: only zod and itself.',
  }),
  ...layer('shared', {
    layers: ['contract', 'locales'],
    builtins: ['node:crypto'],
    why: 'pure helpers both core and the adapters read: the contract, locale texts and scrypt only.',
  }),
  ...layer('core', {
    layers: ['contract', 'shared'],
    packages: ['zod'],
    builtins: ['node:crypto'],
    why: 'core knows no transport, store, hardware or files: define a port in main/core/ports.ts.',
  }),
  ...layer('store', {
    layers: ['core', 'contract', 'shared'],
    packages: ['better-sqlite3'],
    builtins: NODE_BUILTINS,
    why: 'the store implements core ports with SQLite; it knows no API, hardware or boot.',
  }),
  ...layer('native', {
    layers: ['contract', 'shared'],
    typesFrom: ['core'],
    packages: NATIVE_PACKAGES,
    builtins: NODE_BUILTINS,
    why: "hardware implements core's ports (types only from core); it knows no store, API, boot or app.",
  }),
  ...layer('api', {
    layers: ['core', 'contract', 'shared'],
    packages: ['ws', 'zod'],
    builtins: NODE_BUILTINS,
    why: 'the API serves core over HTTP and WebSocket; it knows no store, hardware, boot or app.',
  }),
  ...layer('boot', {
    layers: ALL_LAYERS.filter((type) => !['app', 'test', 'scripts', 'renderer'].includes(type)),
    packages: [...SERVER_PACKAGES, ...NATIVE_PACKAGES, 'zod'],
    builtins: NODE_BUILTINS,
    why: 'boot composes the Node kiosk from every main layer but main/app (Electron).',
  }),
  ...layer('app', {
    layers: ['boot', 'contract', 'api', 'core'],
    packages: ['electron', 'electron-updater', 'zod'],
    builtins: NODE_BUILTINS,
    why:
      'the Electron shell: composes through main/boot, and its IPC dispatches into core as main/api does ' +
      "(with main/api's static files for its protocol); only it imports electron.",
  }),
  ...layer('hall', {
    layers: ['core', 'contract', 'shared'],
    packages: ['zod'],
    why: 'the hall server logic is core-like: contract, core and shared only; its SQLite lives in main/store.',
  }),
  ...layer('central', {
    layers: ['contract', 'shared'],
    packages: ['zod'],
    builtins: ['node:crypto'],
    why: 'central shares only the contract and its pure helpers (main/shared) with the kiosk, never its core or SQLite store.',
  }),
  ...layer('central-store', {
    layers: ['central', 'contract'],
    packages: ['zod', 'pg'],
    builtins: NODE_BUILTINS,
    why: "central's PostgreSQL store implements central's ports.",
  }),
  ...layer('central-http', {
    layers: ['central', 'contract', 'shared'],
    packages: ['zod'],
    builtins: NODE_BUILTINS,
    why: "central's HTTPS API serves central's ports; it knows no PostgreSQL (that is central-store's).",
  }),
  ...layer('central-boot', {
    layers: ['central', 'central-store', 'central-http', 'contract', 'shared'],
    packages: ['zod', 'pg'],
    builtins: NODE_BUILTINS,
    why: 'composes the central server: its store, its API, its database and certificate.',
  }),
  ...layer('renderer', {
    layers: ['contract', 'locales'],
    packages: RENDERER_PACKAGES,
    why: 'the renderer runs in the browser: the contract, its own files and browser packages only.',
  }),
  ...layer('test', {
    layers: ALL_LAYERS,
    packages: ['*', '@*/*'],
    builtins: ['*', '*/*'],
    why: 'tests import anything but electron (only test/unit/app and test/e2e/electron* may).',
  }),
  ...layer('scripts', {
    layers: ALL_LAYERS.filter((type) => type !== 'app'),
    packages: ['*', '@*/*'],
    builtins: ['*', '*/*'],
    why: 'scripts import anything but electron and main/app.',
  }),
  // Last, so it wins over the wide allow-lists above: only main/app imports electron.
  { from: { element: { type: '!app' } }, disallow: { to: { module: { source: 'electron' } } } },
];

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-artifacts/', '.kiosk-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    plugins: { boundaries },
    settings: {
      'boundaries/elements': LAYERS,
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': ['error', { ...CHECK_ALL, policies: layerPolicies }],
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    // Build and lint configuration at the root belongs to no layer.
    files: ['*.{js,ts,mjs}'],
    rules: { 'boundaries/dependencies': 'off', 'boundaries/no-unknown-files': 'off' },
  },
  {
    // The fake electron module stands in for Electron where the shell's code is unit-tested.
    files: ['test/unit/app/**/*.ts', 'test/e2e/electron*.ts'],
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          ...CHECK_ALL,
          policies: [
            ...layerPolicies,
            { from: { element: { type: 'test' } }, allow: { to: { module: { source: 'electron' } } } },
          ],
        },
      ],
    },
  },
  {
    // The sandboxed preload bundles what it imports: call names only, no zod (preload-bundle.test.ts).
    files: ['main/app/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./contract(/(?!call-names$).*)?$',
              allowTypeImports: true,
              message: 'The preload takes values only from main/contract/call-names.ts (no zod in its bundle).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
