import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));

/**
 * The HTML files carry the strict CSP the built app runs under. Vite's dev server injects inline
 * scripts (React refresh preamble) and <style> tags (CSS hot reload) that this CSP forbids, so the
 * tag is dropped from pages the dev server serves, and only there.
 */
function dropCspInDevServer(): Plugin {
  return {
    name: 'kiosk:drop-csp-in-dev-server',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs, so the same build loads from the browser shell's HTTP server and from a file in Electron.
  base: './',
  plugins: [react(), dropCspInDevServer()],
  server: {
    // The renderer imports locale files from ../locales, outside Vite's root.
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Kiosks run Chromium, which preloads modules natively; the polyfill is code we do not need.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        kiosk: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        console: fileURLToPath(new URL('./renderer/console.html', import.meta.url)),
        hall: fileURLToPath(new URL('./renderer/hall.html', import.meta.url)),
        figures: fileURLToPath(new URL('./renderer/figures.html', import.meta.url)),
        outOfOrder: fileURLToPath(new URL('./renderer/out-of-order.html', import.meta.url)),
        rating: fileURLToPath(new URL('./renderer/rating.html', import.meta.url)),
        phone: fileURLToPath(new URL('./renderer/phone.html', import.meta.url)),
        technician: fileURLToPath(new URL('./renderer/technician.html', import.meta.url)),
        // The central's dashboards (issue 13): served by the central, never loaded by a kiosk.
        dashboard: fileURLToPath(new URL('./renderer/dashboard.html', import.meta.url)),
        // The public pages (issue 13): served by the central to anyone, no sign-in.
        public: fileURLToPath(new URL('./renderer/public.html', import.meta.url)),
      },
    },
  },
});
