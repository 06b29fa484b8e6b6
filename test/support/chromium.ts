import { chromium } from 'playwright-core';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath } from '../../scripts/prerequisites.mjs';

/** Debian's Chromium, headless, with nothing reaching out to the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;

/** A screenshot of the page in portrait and in landscape, kept as test artifacts for people to look at. */
export async function shootBothOrientations(page: Page, folder: string, name: string): Promise<void> {
  await page.screenshot({ path: join(folder, `${name}-portrait.png`) });
  await page.setViewportSize(LANDSCAPE);
  await page.screenshot({ path: join(folder, `${name}-landscape.png`) });
  await page.setViewportSize(PORTRAIT);
}
