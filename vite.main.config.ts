import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import packageJson from './package.json' with { type: 'json' };

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Every dependency stays an import resolved from node_modules at run time: the native ones
 * (better-sqlite3, serialport, @napi-rs/canvas) cannot be bundled, and electron-builder ships the
 * production dependencies anyway. Subpath imports (`serialport/…`) are external too.
 */
const externalPackages = ['electron', ...Object.keys(packageJson.dependencies)];
const external = [
  /^node:/,
  ...builtinModules,
  ...externalPackages.map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|$)`)),
];

/**
 * native/fonts/fonts.ts finds its font files next to itself, which in the build is dist/main; the
 * licence notice goes with them.
 */
function shipTicketFonts(): Plugin {
  const fontsDir = fromRoot('./native/fonts/');
  return {
    name: 'kiosk:ship-ticket-fonts',
    generateBundle() {
      for (const fileName of readdirSync(fontsDir).filter((name) => /\.ttf$|^OFL-NOTICE\.txt$/.test(name))) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(fontsDir + fileName) });
      }
    },
  };
}

/**
 * The main-process code, built for Node: the Electron entry and the browser shell. Both land in
 * dist/main beside the preload, which is where main.ts and compose.ts look for their neighbours.
 */
export default defineConfig({
  publicDir: false,
  plugins: [shipTicketFonts()],
  build: {
    ssr: true,
    target: 'node20',
    outDir: fromRoot('./dist/main'),
    // Shared with the preload build; the renderer has its own folder.
    emptyOutDir: false,
    copyPublicDir: false,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: {
        'electron-main': fromRoot('./main/app/main.ts'),
        'browser-shell': fromRoot('./main/boot/browser-shell.ts'),
      },
      external,
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        // Beside the entries, not in a subfolder, so code that finds files from import.meta stays correct;
        // without a hash, so a rebuild overwrites rather than piles up (the folder is not emptied).
        chunkFileNames: '[name].js',
      },
    },
  },
});
