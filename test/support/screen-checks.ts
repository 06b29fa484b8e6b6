import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LANDSCAPE, PORTRAIT } from './chromium';

/**
 * Checks every e2e test runs on each screen a visitor sees: nothing overflows or runs off the
 * screen, touch targets are large enough, and axe finds no serious or critical violation.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

/**
 * Text that runs out of its box or off the screen, and controls below the screen's edge outside a
 * scrolling list. A page that scrolls as a whole (the dashboards, read at a desk) may run below
 * the edge: `pageScrolls` checks only text and sideways overflow.
 */
export async function overflowProblems(page: Page, { pageScrolls = false } = {}): Promise<string[]> {
  return page.evaluate((pageScrolls) => {
    const problems: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const scrolls = (el: Element | null): boolean => {
      for (let node = el; node; node = node.parentElement) {
        const overflowY = getComputedStyle(node).overflowY;
        if (overflowY === 'auto' || overflowY === 'scroll') return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll('#root *')) {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.display === 'none' || style.visibility === 'hidden' || rect.width === 0) continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      // An SVG <text> (a chart's label) is placed by coordinates: Chromium gives it a box half its
      // width when centred on its anchor, which says nothing of clipping. Charts check their own labels.
      if (hasText && !(el instanceof SVGElement) && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${describe(el)}: text ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
      if (rect.left < -1 || rect.right > window.innerWidth + 1)
        problems.push(
          `${describe(el)}: runs off the screen sideways (${Math.round(rect.left)}–${Math.round(rect.right)})`,
        );
      if (!pageScrolls && !scrolls(el.parentElement) && rect.bottom > window.innerHeight + 1)
        problems.push(`${describe(el)}: below the screen's edge (${Math.round(rect.bottom)} > ${window.innerHeight})`);
    }
    return problems;
  }, pageScrolls);
}

/** overflowProblems for a page that scrolls as a whole. */
export const scrollingPageOverflowProblems = (page: Page) => overflowProblems(page, { pageScrolls: true });

/** Buttons a visitor presses must be at least 72 px each way. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.big-button, .nav-button, .key, .access-button, .take-ticket')]
      .filter((el) => getComputedStyle(el).display !== 'none')
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && (rect.width < 72 || rect.height < 72))
      .map(
        ({ el, rect }) =>
          `${(el.textContent ?? '').trim().slice(0, 30)} ${Math.round(rect.width)}×${Math.round(rect.height)}`,
      ),
  );
}

export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the kiosk's CSP
  // (script-src 'self') rightly refuses inline scripts, and the test must not loosen it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    () => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run() as Promise<AxeResults>,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The top of the highest visible button: in low-reach mode it must lie in the lower part of the screen. */
export function highestButtonTop(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll('button')]
        .map((b) => b.getBoundingClientRect())
        .filter((rect) => rect.width > 0)
        .map((rect) => rect.top),
    ),
  );
}

/**
 * Words drawn over other words or over a button, or cut off at the top of the screen: each line of
 * text (its glyph boxes, not its block) against every other line and every button it is not part of.
 * overflowProblems cannot see this: a centred column taller than its screen spills up under the
 * access bar and down under the buttons without any element being wider than its box.
 */
export async function overlapProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    interface Box {
      what: string;
      owner: Element;
      left: number;
      top: number;
      right: number;
      bottom: number;
    }
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      return style.display !== 'none' && style.visibility !== 'hidden' && el.getBoundingClientRect().width > 0;
    };
    const lines: Box[] = [];
    const walker = document.createTreeWalker(document.getElementById('root')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const owner = node.parentElement;
      if (text === '' || !owner || !visible(owner)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      // A text rect is the font's whole content area; a tight line-height (the huge number's 1) lays
      // lines closer than that, and the letters stay inside the line box: measure that.
      const lineHeight = parseFloat(getComputedStyle(owner).lineHeight);
      for (const rect of range.getClientRects()) {
        if (rect.width === 0 || rect.height === 0) continue;
        const trim = Number.isFinite(lineHeight) ? Math.max(0, (rect.height - lineHeight) / 2) : 0;
        const box = { left: rect.left, right: rect.right, top: rect.top + trim, bottom: rect.bottom - trim };
        lines.push({ what: `"${text.slice(0, 30)}"`, owner, ...box });
      }
    }
    const buttons: Box[] = [...document.querySelectorAll('#root button')].filter(visible).map((button) => ({
      what: `button "${(button.textContent ?? '').trim().slice(0, 30)}"`,
      owner: button,
      ...button.getBoundingClientRect().toJSON(),
    }));
    // A pixel of anti-aliasing or a line box touching the next one is not an overlap.
    const overlap = (a: Box, b: Box) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
    const problems: string[] = [];
    lines.forEach((line, index) => {
      if (line.top < -1) problems.push(`${line.what}: above the screen's top edge (${Math.round(line.top)})`);
      for (const other of lines.slice(index + 1))
        if (other.owner !== line.owner && overlap(line, other)) problems.push(`${line.what} overlaps ${other.what}`);
      for (const button of buttons)
        if (!button.owner.contains(line.owner) && overlap(line, button))
          problems.push(`${line.what} is under ${button.what}`);
    });
    // A framed box (a notice, the priority mark) must not run under a button or off the top either,
    // even where its words still clear them.
    const framed = [...document.querySelectorAll('#root *')].filter(
      (el) =>
        visible(el) &&
        !el.closest('button') &&
        ['Top', 'Right', 'Bottom', 'Left'].some(
          (side) => parseFloat(getComputedStyle(el).getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0,
        ),
    );
    for (const el of framed) {
      const box: Box = {
        what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`,
        owner: el,
        ...el.getBoundingClientRect().toJSON(),
      };
      if (box.top < -1) problems.push(`${box.what}: above the screen's top edge (${Math.round(box.top)})`);
      if (box.bottom > window.innerHeight + 1) problems.push(`${box.what}: below the screen's bottom edge`);
      for (const button of buttons)
        if (!el.contains(button.owner) && overlap(box, button)) problems.push(`${box.what} is under ${button.what}`);
    }
    return problems;
  });
}

export type ScreenCheck = (page: Page) => Promise<string[]>;

/**
 * The page in portrait, then in landscape: each check finds nothing (a failure names the screen
 * and the orientation), and each orientation is kept as `<folder>/<name>-<orientation>.png` for
 * people to look at (`fullPage`: the whole of a page that scrolls). The page is left at `leaveAt`
 * (landscape unless told).
 */
export async function checkBothOrientations(
  page: Page,
  where: { folder: string; name: string; fullPage?: boolean },
  checks: readonly ScreenCheck[],
  leaveAt: { width: number; height: number } = LANDSCAPE,
): Promise<void> {
  for (const [orientation, size] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    await page.setViewportSize(size);
    for (const check of checks) expect(await check(page), `${where.name} ${orientation}`).toEqual([]);
    await page.screenshot({ path: join(where.folder, `${where.name}-${orientation}.png`), fullPage: where.fullPage });
  }
  if (leaveAt !== LANDSCAPE) await page.setViewportSize(leaveAt);
}
