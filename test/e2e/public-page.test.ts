import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboards } from '../../main/central/http/dashboard-server';
import { LANGUAGES, type Language } from '../../main/contract';
import { PublicCentre } from '../../main/contract/monitoring';
import { launchChromium } from '../support/chromium';
import { postgresMissing } from '../support/postgres';
import { PUBLIC_CENTRES, startPublicNetwork, type PublicNetwork } from '../support/public-network';
import { checkBothOrientations, overflowProblems, seriousAxeViolations } from '../support/screen-checks';

/*
 * The public page of a centre (issue 13) in Chromium, as a visitor opens it on a phone: the built
 * public entry (npm run build) served by the central's dashboards listener, no sign-in, the figures
 * from a real PostgreSQL fed through the real ingest and projector. In every language (taken from
 * the browser's), on a phone and in both wall-screen orientations: axe and overflow clean, the
 * numbers shown are the API's, and a withheld figure is explained. Screenshots go to
 * test-artifacts/screenshots/public/.
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/public');
const DIST = join(import.meta.dirname, '../../dist/renderer');
const PHONE = { width: 390, height: 844 } as const;
const NOW = new Date('2026-11-20T08:00:00Z');
const missing = postgresMissing();
/** A first page load on this shared 2-core machine can take seconds (fonts, the figures' read). */
const LOADED = { timeout: 20_000 };

interface PublicTexts {
  months: Record<string, string>;
  centre: Record<string, string>;
  service: Record<string, string>;
  withheld: { explanation: string };
}
const texts = (lng: Language): PublicTexts =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lng}/public.json`), 'utf8')) as PublicTexts;

/** The number a figure's text shows: "82%", "82 %", "12 мин", "4,2 of 5", "5-dən 4,2" (the 5 of the scale left out). */
function shownNumber(text: string, decimal: boolean): number {
  const match = decimal ? /(\d+)[.,](\d)/.exec(text) : /(\d+)/.exec(text.replace(/\s(?=\d{3}\b)/g, ''));
  if (!match) throw new Error(`no number in "${text}"`);
  return decimal ? Number(`${match[1]}.${match[2]}`) : Number(match[1]);
}

describe.skipIf(missing)(
  `the public page of a centre (Chromium, real PostgreSQL)${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let network: PublicNetwork;
    let server: RunningDashboards;
    let browser: Browser;

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      network = await startPublicNetwork({ now: NOW, staticDir: DIST, thresholds: [10] });
      server = network.servers[0]!;
      browser = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await network?.stop();
    });

    /** A fresh phone whose browser speaks `lng` first; page errors are collected. */
    async function phoneIn(lng: Language) {
      const context = await browser.newContext({ viewport: PHONE, locale: lng });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/status of 404/.test(message.text())) errors.push(message.text());
      });
      return { context, page, errors };
    }

    /** Every figure on the page equals the API's: each card's numbers, "none" and "not shown" in words. */
    async function expectFiguresOf(page: Page, centre: PublicCentre, lng: Language) {
      const t = texts(lng);
      for (const service of centre.services) {
        const card = page.locator(`[data-service="${service.serviceId}"]`);
        await expect.poll(() => card.locator('h2').textContent(), LOADED).toBe(service.name![lng]);
        const figures = [
          ['waitingNow', service.waitingNow, 1, false],
          ['todayMedianWaitMinutes', service.todayMedianWaitMinutes, 1, false],
          ['last30WaitingWithinShare', service.last30WaitingWithinShare, 100, false],
          ['last30ServiceWithinShare', service.last30ServiceWithinShare, 100, false],
          ['last30SatisfactionAverage', service.last30SatisfactionAverage, 1, true],
          ['last30ResponseRate', service.last30ResponseRate, 100, false],
        ] as const;
        let withheld = 0;
        for (const [name, value, scale, decimal] of figures) {
          const text = (await card.locator(`[data-figure="${name}"]`).textContent()) ?? '';
          const where = `${lng} ${service.serviceId} ${name}`;
          if (value === null) expect(text, where).toBe(t.service.none);
          else if (typeof value === 'object') {
            withheld += 1;
            expect(text, where).toBe(t.service.withheld);
          } else {
            // Shown rounded: whole percents and minutes, the average to one decimal.
            const tolerance = decimal ? 0.05 : 0.5;
            expect(
              Math.abs(shownNumber(text, decimal) - value * scale),
              `${where}: "${text}" for ${value}`,
            ).toBeLessThanOrEqual(tolerance + 1e-9);
          }
        }
        // A withheld figure is explained on its card, in words, with the threshold.
        const note = card.getByTestId('withheld-note');
        if (withheld > 0)
          expect(await note.textContent()).toBe(
            t.withheld.explanation.replace('{{threshold}}', String(centre.threshold)),
          );
        else expect(await note.count()).toBe(0);
        // The standards are written out for visitors to learn them.
        expect(await card.locator('.standard').allTextContents()).toEqual([
          expect.stringContaining(String(service.serviceStandardMinutes)),
          expect.stringContaining(String(service.waitingStandardMinutes)),
        ]);
      }
    }

    for (const lng of LANGUAGES) {
      it(`shows baku-1's figures as the API gives them, in ${lng} from the browser's language`, async () => {
        const { context, page, errors } = await phoneIn(lng);
        const response = await page.goto(`${server.url}/public/baku-1`);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['set-cookie']).toBeUndefined();
        const centre = PublicCentre.parse(await (await fetch(`${server.url}/public/api/centres/baku-1`)).json());
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lng);
        await expect.poll(() => page.locator('h1').textContent(), LOADED).toBe(PUBLIC_CENTRES[0].name);
        await expectFiguresOf(page, centre, lng);
        // Days in the language's own words (Chromium lacks some languages' month names).
        expect(await page.locator('.intro').textContent()).toContain(texts(lng).months.m11);
        // The fixture must give every kind of figure: published, withheld and none.
        expect(await page.locator('dd.withheld').count()).toBeGreaterThan(0);
        expect(await page.locator('dd.none').count()).toBeGreaterThan(0);
        expect(await page.locator('dd:not(.withheld):not(.none)').count()).toBeGreaterThan(6);

        expect(await overflowProblems(page), `${lng} phone`).toEqual([]);
        expect(await seriousAxeViolations(page), `${lng} phone`).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `centre-${lng}-phone.png`), fullPage: true });
        await checkBothOrientations(page, { folder: SCREENSHOTS, name: `centre-${lng}` }, [
          seriousAxeViolations,
          overflowProblems,
        ]);
        expect(await context.cookies()).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });
    }

    it('lists the centres and the open data, and the picker changes the language in the address', async () => {
      const { context, page, errors } = await phoneIn('en');
      await page.goto(`${server.url}/public/`);
      const list = page.getByTestId('centre-list');
      await expect
        .poll(() => list.locator('a').allTextContents(), LOADED)
        .toEqual(['Almaty service centre 1', 'Baku service centre 1']);
      await expect
        .poll(
          () => page.locator('.month-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
          LOADED,
        )
        .toEqual(['../open-data/service-figures-2026-10.csv', '../open-data/service-figures-2026-10.json']);
      expect(await overflowProblems(page)).toEqual([]);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'list-en-phone.png'), fullPage: true });
      await page.getByTestId('public-language').selectOption('ky');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ky');
      expect(new URL(page.url()).searchParams.get('lng')).toBe('ky');
      await checkBothOrientations(page, { folder: SCREENSHOTS, name: 'list-ky' }, [
        seriousAxeViolations,
        overflowProblems,
      ]);
      // The centre's link keeps the language chosen.
      await page.setViewportSize(PHONE);
      await list.getByText('Almaty service centre 1').click();
      await expect.poll(() => page.locator('h1').textContent(), LOADED).toBe('Almaty service centre 1');
      expect(new URL(page.url()).pathname).toBe('/public/almaty-1');
      const centre = PublicCentre.parse(await (await fetch(`${server.url}/public/api/centres/almaty-1`)).json());
      await expectFiguresOf(page, centre, 'ky');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('tells a visitor in words that a centre does not exist', async () => {
      const { context, page } = await phoneIn('ru');
      const response = await page.goto(`${server.url}/public/nowhere-9`);
      expect(response?.status()).toBe(404);
      await expect
        .poll(() => page.getByTestId('centre-problem').textContent(), LOADED)
        .toBe(texts('ru').centre.unknown);
      expect(await overflowProblems(page)).toEqual([]);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'unknown-centre-ru-phone.png') });
      await context.close();
    });
  },
);
