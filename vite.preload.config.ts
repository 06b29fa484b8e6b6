import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The preload runs in a sandboxed renderer, which can load no npm package and no ES module: it
 * must be one CommonJS file with everything but `electron` bundled in: the call names and channels
 * of main/contract/call-names.ts, no zod (test/unit/app/preload-bundle.test.ts keeps it under 20 KB).
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: fromRoot('./dist/main'),
    // Shared with the main-process build.
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'chrome140',
    sourcemap: true,
    minify: false,
    lib: {
      entry: fromRoot('./main/app/preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
