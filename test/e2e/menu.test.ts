import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, WEEKDAYS, type Catalog, type Language } from '../../main/contract';
import { localClock } from '../../main/shared/zoned-time';
import { loadCatalogFile } from '../../main/boot/read-files';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { highestButtonTop, overflowProblems, seriousAxeViolations, smallTargets } from '../support/screen-checks';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/menu');
const TIME_ZONE = 'Asia/Baku';

/** What a visitor of each language types on the on-screen keyboard, and the service it must find. */
const SEARCHES: Record<Language, { keys: string[]; finds: string }> = {
  az: { keys: [...'sexsiyyet'], finds: 'identity-card' },
  ru: { keys: [...'паспорт'], finds: 'passport' },
  en: { keys: [...'pasprot'], finds: 'passport' },
  kk: { keys: [...'төлқұжат'], finds: 'passport' },
  ky: { keys: [...'паспорт'], finds: 'passport' },
  uz: { keys: ['p', 'a', 's', 'p', 'o', 'r', 't'], finds: 'passport' },
};

/**
 * The sample catalog, open round the clock but for one service closed today and three with a limit
 * of one ticket (address certificate; apostille and power of attorney for refusals after the page was shown).
 */
function testCatalog(): Catalog {
  const today = WEEKDAYS[localClock(new Date(), TIME_ZONE).weekday]!;
  const open = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));
  return {
    ...open,
    services: open.services.map((service) => {
      if (service.id === 'no-criminal-record')
        return {
          ...service,
          openingHours: [{ days: WEEKDAYS.filter((d) => d !== today), from: '09:00', to: '18:00' }],
        };
      if (['address-certificate', 'apostille', 'power-of-attorney'].includes(service.id))
        return { ...service, dailyLimit: 1 };
      return service;
    }),
  };
}

describe('menu, search and service page in six languages, portrait and landscape', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = tempDir('kiosk-e2e-menu-');
    const catalogFile = join(dir.path, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(testCatalog()));
    const configFile = join(dir.path, 'kiosk.json');
    writeFileSync(configFile, JSON.stringify({ timeZone: TIME_ZONE, catalogPath: catalogFile, defaultLanguage: 'az' }));
    // No printer port: the virtual printer, so this test needs no PTY.
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PORTRAIT });
    await page.goto(shell.url);
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    dir?.remove();
  });

  /** Screenshot, overflow, touch-target and axe checks of the screen on show. */
  async function check(name: string) {
    await page.waitForTimeout(50);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    expect(await overflowProblems(page), name).toEqual([]);
    expect(await smallTargets(page), name).toEqual([]);
    expect(await seriousAxeViolations(page), name).toEqual([]);
  }

  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    for (const language of LANGUAGES) {
      it(`${language}, ${orientation}: provider → category → service page, then search`, async () => {
        const name = (screen: string) => `${language}-${orientation}-${screen}`;
        await page.setViewportSize(viewport);
        // A fresh load per walk, so one walk's failure does not fail the next ones.
        await page.goto(shell.url);
        await page.getByTestId('screen-attract').click();
        await page.getByTestId(`language-${language}`).click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
        await page.getByTestId('screen-services').waitFor();
        await check(name('1-providers'));

        await page.getByTestId('provider-internal-affairs').click();
        await page.locator('[data-level="categories"]').waitFor();
        await check(name('2-categories'));

        await page.getByTestId('category-ia-documents').click();
        await page.locator('[data-level="services"]').waitFor();
        await check(name('3-services'));

        await page.getByTestId('service-passport').click();
        await page.getByTestId('take-ticket').waitFor();
        expect(await page.getByTestId('service-standard').innerText()).not.toBe('');
        await check(name('4-service'));

        // Back returns to the list it came from; the path's first step goes to the top of the menu.
        await page.getByTestId('nav-back').click();
        await page.locator('[data-level="services"]').waitFor();
        await page.getByTestId('path-0').click();
        await page.locator('[data-level="providers"]').waitFor();

        await page.getByTestId('open-search').click();
        await page.getByTestId('screen-search').waitFor();
        for (const key of SEARCHES[language].keys) await page.getByTestId(`key-${key}`).click();
        await page.getByTestId(`service-${SEARCHES[language].finds}`).waitFor();
        await check(name('5-search'));

        await page.getByTestId(`service-${SEARCHES[language].finds}`).click();
        await page.getByTestId('screen-service').waitFor();
        await page.getByTestId('nav-back').click();
        expect(await page.getByTestId('search-query').innerText()).toContain(SEARCHES[language].keys.join(''));

        await page.getByTestId('nav-home').click();
        await page.getByTestId('screen-attract').waitFor();
      });
    }
  }

  it('a closed service and one at its daily limit say so and when to come back; the core refuses too', async () => {
    await page.setViewportSize(PORTRAIT);
    await page.goto(shell.url);
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('language-en').click();
    await page.getByTestId('provider-internal-affairs').click();
    await page.getByTestId('category-ia-registration').click();
    await page.getByTestId('service-no-criminal-record').click();
    await page.getByTestId('service-closed').waitFor();
    expect(await page.getByTestId('service-closed').innerText()).toMatch(/come back tomorrow at 09:00/);
    expect(await page.getByTestId('take-ticket').count()).toBe(0);
    await check('en-portrait-6-closed');

    const refused = await fetch(`${shell.url}/api/call/issueTicket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'no-criminal-record', language: 'en' }),
    });
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'service-closed' } });

    await page.getByTestId('nav-back').click();
    await page.getByTestId('service-address-certificate').click();
    await page.getByTestId('take-ticket').click();
    await page.getByTestId('screen-ticket').waitFor();
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('language-ru').click();
    await page.getByTestId('provider-internal-affairs').click();
    await page.getByTestId('category-ia-registration').click();
    await page.getByTestId('service-address-certificate').click();
    await page.getByTestId('service-limit-reached').waitFor();
    expect(await page.getByTestId('service-limit-reached').innerText()).toMatch(/все талоны/);
    await check('ru-portrait-7-limit-reached');
    await page.getByTestId('nav-home').click();
  });

  /** Another client (a second kiosk) takes the service's last ticket of the day. */
  async function takeLastTicket(serviceId: string) {
    const taken = await fetch(`${shell.url}/api/call/issueTicket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId, language: 'az' }),
    });
    expect(await taken.json()).toMatchObject({ ok: true });
  }

  it('a ticket refused since the page was shown leaves Back going where the visitor came from: search results, menu list', async () => {
    await page.setViewportSize(PORTRAIT);
    await page.goto(shell.url);
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('language-en').click();
    await page.getByTestId('open-search').click();
    for (const key of 'apostille') await page.getByTestId(`key-${key}`).click();
    await page.getByTestId('service-apostille').click();
    await page.getByTestId('take-ticket').waitFor();
    await takeLastTicket('apostille');
    await page.getByTestId('take-ticket').click();
    await page.getByTestId('service-limit-reached').waitFor();
    expect(await page.getByTestId('service-limit-reached').innerText()).toMatch(/come back tomorrow/i);
    await page.getByTestId('nav-back').click();
    await page.getByTestId('screen-search').waitFor();
    expect(await page.getByTestId('search-query').innerText()).toContain('apostille');
    await page.getByTestId('service-apostille').waitFor();
    await page.getByTestId('nav-home').click();

    await page.getByTestId('screen-attract').click();
    await page.getByTestId('language-ru').click();
    await page.getByTestId('provider-justice').click();
    await page.getByTestId('category-just-notary').click();
    await page.getByTestId('service-power-of-attorney').click();
    await page.getByTestId('take-ticket').waitFor();
    await takeLastTicket('power-of-attorney');
    await page.getByTestId('take-ticket').click();
    await page.getByTestId('service-limit-reached').waitFor();
    await page.getByTestId('nav-back').click();
    await page.locator('[data-level="services"]').waitFor();
    await page.getByTestId('service-power-of-attorney').waitFor();
    await page.getByTestId('nav-home').click();
  });

  it('large text, high contrast and low reach are one tap away, and the reset turns them off with the language', async () => {
    await page.setViewportSize(PORTRAIT);
    await page.goto(shell.url);
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('language-kk').click();
    await page.getByTestId('access-largeText').click();
    await page.getByTestId('access-highContrast').click();
    await page.getByTestId('provider-internal-affairs').click();
    await page.getByTestId('category-ia-documents').click();
    await page.getByTestId('service-passport').click();
    await page.getByTestId('take-ticket').waitFor();
    expect(await page.locator('html').getAttribute('class')).toMatch(
      /large-text.*high-contrast|high-contrast.*large-text/,
    );
    await check('kk-portrait-8-large-contrast');

    await page.getByTestId('access-lowReach').click();
    await check('kk-portrait-9-low-reach');
    // Low reach: every button in the lower 62 % of the screen, on the service page, the menu and search.
    const highestButton = () => highestButtonTop(page);
    expect(await highestButton()).toBeGreaterThanOrEqual(PORTRAIT.height * 0.38 - 1);
    await page.getByTestId('nav-back').click();
    await page.locator('[data-level="services"]').waitFor();
    await check('kk-portrait-10-low-reach-menu');
    expect(await highestButton()).toBeGreaterThanOrEqual(PORTRAIT.height * 0.38 - 1);
    await page.getByTestId('open-search').click();
    for (const key of ['т', 'ө', 'л']) await page.getByTestId(`key-${key}`).click();
    await check('kk-portrait-11-low-reach-search');
    expect(await highestButton()).toBeGreaterThanOrEqual(PORTRAIT.height * 0.38 - 1);

    await page.getByTestId('nav-home').click();
    await page.getByTestId('screen-attract').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('az');
    expect(await page.locator('html').getAttribute('class')).not.toMatch(/large-text|high-contrast/);
    await page.getByTestId('screen-attract').click();
    expect(await page.getByTestId('access-lowReach').getAttribute('aria-pressed')).toBe('false');
  });

  it('search results longer than the screen page with the same arrows as the menu lists', async () => {
    await page.setViewportSize(PORTRAIT);
    await page.goto(shell.url);
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('language-en').click();
    await page.getByTestId('open-search').click();
    expect(await page.getByTestId('page-down').isHidden()).toBe(true);
    await page.getByTestId('key-a').click();
    await expect.poll(() => page.getByTestId('page-down').isVisible()).toBe(true);
    expect(await page.getByTestId('page-up').getAttribute('aria-disabled')).toBe('true');
    const scrolled = () => page.getByTestId('search-results').evaluate((list) => list.scrollTop);
    expect(await scrolled()).toBe(0);
    await page.getByTestId('page-down').click();
    await expect.poll(scrolled).toBeGreaterThan(100);
    await expect.poll(() => page.getByTestId('page-up').getAttribute('aria-disabled')).toBe('false');
    await check('en-portrait-12-search-paging');
    await page.getByTestId('page-up').click();
    await expect.poll(scrolled).toBe(0);
    await page.getByTestId('nav-home').click();
  });
});
