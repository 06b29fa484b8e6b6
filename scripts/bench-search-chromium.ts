// Search latency in Chromium for `npm run bench`: from a tap on a key of the kiosk's on-screen
// keyboard to the results committed and laid out, against a tap that changes nothing, measured in
// the same run on the same page. Needs a build (npm run build).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Language } from '../main/contract';
import { loadCatalogFile } from '../main/boot/read-files';
import { startBrowserShell } from '../test/support/browser-shell-process';
import { launchChromium, PORTRAIT } from '../test/support/chromium';
import { alwaysOpen, SAMPLE_CATALOG } from '../test/support/kiosk-fixture';

/** Typed on the keyboard of the visitor's language, one letter (one key) at a time. */
const TYPED: { language: Language; text: string }[] = [
  { language: 'en', text: 'passport' },
  { language: 'ru', text: 'паспорт' },
  { language: 'kk', text: 'төлқұжат' },
  { language: 'az', text: 'şəxsiyyət' },
];
const ROUNDS = 5;

/**
 * One tap in the page, timed from inside it so Playwright's own round trip is not counted: the
 * pointerdown and click a finger makes, React's commit (a task later), then a forced layout.
 */
function timeTap(page: Page, testId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const target = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (!target) throw new Error(`no element with data-testid "${id}" on the page`);
    // Where a finger would touch it: a tap at (0, 0) would count towards the technician corner.
    const box = target.getBoundingClientRect();
    const at = { bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
    const startedAt = performance.now();
    target.dispatchEvent(new PointerEvent('pointerdown', at));
    target.dispatchEvent(new MouseEvent('click', at));
    // React commits a tap's update in a microtask; a message is the next task, after it.
    await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(null);
    });
    // Reading a size makes the browser lay out the new results now, as painting them would.
    if (document.body.offsetHeight < 0) throw new Error('unreachable');
    return performance.now() - startedAt;
  }, testId);
}

async function openSearch(page: Page, url: string, language: Language): Promise<void> {
  await page.goto(url);
  await page.getByTestId('screen-attract').click();
  await page.getByTestId(`language-${language}`).click();
  await page.getByTestId('open-search').click();
  await page.getByTestId('keyboard').waitFor();
  // Taps are ignored while a new screen settles in (double-tap guard): wait until keys count.
  await page.getByTestId('key-clear').click();
}

const at = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Prints per-keystroke figures in Chromium beside the Node figures of bench-search.ts. */
export async function benchSearchInChromium(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-search-'));
  const catalogFile = join(dataDir, 'catalog.json');
  writeFileSync(catalogFile, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
  const shell = await startBrowserShell(['--data-dir', dataDir, '--catalog', catalogFile]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: PORTRAIT });
    const keyTaps: number[] = [];
    const emptyTaps: number[] = [];
    for (const { language, text } of TYPED) {
      await openSearch(page, shell.url, language);
      for (let round = 0; round <= ROUNDS; round++) {
        for (const letter of text) {
          const key = await timeTap(page, `key-${letter}`);
          // Baseline: a tap on the query line, which changes nothing but the idle clock.
          const empty = await timeTap(page, 'search-query');
          // Round 0 warms up (first layout of each result list, JIT), as the first visitor of the day.
          if (round > 0) keyTaps.push(key);
          if (round > 0) emptyTaps.push(empty);
        }
        const shown = await page.getByTestId('search-query').innerText();
        if (!shown.includes(text)) throw new Error(`typed "${text}" but the kiosk shows "${shown}"`);
        if ((await page.getByTestId('search-results').locator('button').count()) === 0)
          throw new Error(`"${text}" found nothing in ${language}: the bench would time an empty list`);
        await page.getByTestId('key-clear').click();
      }
    }
    const [keys, empty] = [keyTaps, emptyTaps].map((values) => [...values].sort((a, b) => a - b)) as [
      number[],
      number[],
    ];
    console.log(
      `\nSearch in Chromium (browser shell, sample catalog): tap on a key of the on-screen keyboard → results committed and laid out`,
    );
    console.log(`typed: ${TYPED.map((q) => `${q.language} "${q.text}"`).join(', ')}; ${keys.length} keystrokes`);
    console.log(`  key tap       p50 ${ms(at(keys, 50))}   p95 ${ms(at(keys, 95))}   max ${ms(keys.at(-1)!)}`);
    console.log(
      `  baseline, a tap that changes nothing (same page, same run): p50 ${ms(at(empty, 50))}   p95 ${ms(at(empty, 95))}`,
    );
    console.log(
      `  search and its results' rendering, over the baseline: p50 ${ms(at(keys, 50) - at(empty, 50))}   p95 ${ms(at(keys, 95) - at(empty, 95))}`,
    );
    console.log(
      '  target: ≤ 2 ms per keystroke for the search function over the sample catalog (Node figures above); this in-browser figure is reported alongside, with no target of its own',
    );
  } finally {
    await browser.close();
    await shell.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
