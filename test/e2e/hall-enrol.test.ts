import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskSession, HallDeviceRole, Language, Ticket } from '../../main/contract';
import { SqliteHallDevices } from '../../main/store/sqlite-hall-devices';
import { callApi } from '../support/api-call';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { DESK_PIN } from '../support/desk-fixture';
import { typeOnEnrolPad } from '../support/enrol-page';
import { HallOnThisMachine } from '../support/hall-processes';
import {
  checkBothOrientations,
  overflowProblems,
  overlapProblems,
  seriousAxeViolations,
} from '../support/screen-checks';

/*
 * A hall device's page enrols itself: a hall server (its own process of the built browser shell)
 * answers enrolled devices only. A display opened with no credential shows the enrol screen, waits
 * there without knocking, refuses a wrong code calmly and, given the technician's code, loads again
 * as the hall display and shows a call made at a desk. A console opened with #token=… keeps it and
 * takes it out of the address; revoked, its next action shows the enrol screen. Rating and figures
 * pages show the same screen.
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/hall-enrol');
const CREDENTIAL_KEY = 'kiosk.hallCredential';

interface EnrolTexts {
  title: string;
  error: Record<string, string>;
  page: Record<string, string>;
}
const texts = (language: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/enrol.json`), 'utf8')) as EnrolTexts;

describe('a hall device’s page enrols itself with a code (Chromium, hall server process)', () => {
  let hall: HallOnThisMachine;
  let browser: Browser;
  let server: string;
  let consoleToken: string;
  let kioskToken: string;
  let desk: DeskSession;
  let display: Page;

  /** The server's device registry, opened for one thing as `npm run hall` does, and closed. */
  const registry = <T>(use: (devices: SqliteHallDevices) => T): T => {
    const devices = new SqliteHallDevices(join(hall.serverDir(), 'kiosk.sqlite'));
    try {
      return use(devices);
    } finally {
      devices.close();
    }
  };
  const newCode = (role: HallDeviceRole, name: string | null) => hall.newEnrolCode(role, name);
  const deviceNamed = (name: string) =>
    registry((devices) => devices.list().find((device) => device.name === name && device.revokedAt === null));

  /** A visitor's ticket from a kiosk of the hall, called at desk 1: resolves with the number called. */
  const callAtDesk = async (): Promise<string> => {
    const issued = { kioskId: 'kiosk-1', originRef: crypto.randomUUID(), serviceId: 'passport', language: 'ru' };
    await callApi(server, 'hallIssueTicket', issued, kioskToken);
    // The desk's visitor before, if any, did not come.
    await callApi(server, 'markNoShow', { token: desk.token }, consoleToken).catch(() => undefined);
    const called = await callApi<Ticket>(server, 'callNext', { token: desk.token }, consoleToken);
    return called.number;
  };

  /** Requests to the API and event sockets the page opens from now on. */
  const countRequests = (page: Page) => {
    const seen = { calls: [] as string[], sockets: 0 };
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/call/')) seen.calls.push(pathname.slice('/api/call/'.length));
    });
    page.on('websocket', () => {
      seen.sockets += 1;
    });
    return seen;
  };

  /** Portrait and landscape, nothing cut off, overlapping or failing axe; the screenshots are kept. */
  const shoot = (page: Page, name: string) =>
    checkBothOrientations(page, { folder: SCREENSHOTS, name }, [
      overflowProblems,
      overlapProblems,
      seriousAxeViolations,
    ]);

  const storedCredential = (page: Page) => page.evaluate((key) => window.localStorage.getItem(key), CREDENTIAL_KEY);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    hall = new HallOnThisMachine();
    await hall.startServer();
    server = hall.serverUrl();
    // The desk and the kiosk the test plays through the API, each enrolled as a technician would.
    consoleToken = await hall.enrolDevice('console', 'Desk 1');
    kioskToken = await hall.enrolDevice('kiosk', 'k');
    desk = await callApi<DeskSession>(server, 'deskSignIn', { deskId: '1', pin: DESK_PIN }, consoleToken);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('a display with no credential shows the enrol screen, in the hall’s language, and waits there without knocking', async () => {
    display = await browser.newPage({ viewport: LANDSCAPE });
    const seen = countRequests(display);
    await display.goto(`${server}/hall.html?speak=`);
    const screen = display.getByTestId('screen-enrol');
    await screen.waitFor();
    expect(await screen.getAttribute('data-page')).toBe('display');
    expect(await display.getByTestId('hall').count()).toBe(0);
    // No language in the address: the hall server's default (az, its configuration's default).
    await expect.poll(() => screen.locator('h1').innerText()).toBe(texts('az').title);
    expect(await display.getByTestId('enrol-command').innerText()).toBe(
      'npm run hall -- enrol-code --role display --name "Hall display"',
    );
    expect(await storedCredential(display)).toBeNull();

    // Shown, it waits: no call but the hall's language, no event socket tried again.
    await display.waitForTimeout(500);
    const before = { calls: seen.calls.length, sockets: seen.sockets };
    await display.waitForTimeout(4_000);
    expect(seen.calls.slice(before.calls).filter((name) => name !== 'getKioskInfo')).toEqual([]);
    expect(seen.sockets - before.sockets).toBe(0);
    expect(seen.sockets).toBeLessThanOrEqual(2);

    for (const language of ['en', 'kk', 'uz'] as const) {
      await display.getByTestId('enrol-language').selectOption(language);
      await expect.poll(() => screen.locator('h1').innerText()).toBe(texts(language).title);
      expect(await display.evaluate(() => document.documentElement.lang)).toBe(language);
      await shoot(display, `enrol-display-${language}`);
    }
    await display.getByTestId('enrol-language').selectOption('en');
  });

  it('refuses a wrong code calmly and, given the technician’s code, loads again as the hall display showing a call', async () => {
    await display.setViewportSize(LANDSCAPE);
    // Too few digits: said before anything is sent.
    await typeOnEnrolPad(display, '1234');
    await display.getByTestId('enrol-submit').click();
    await expect.poll(() => display.getByTestId('enrol-error').getAttribute('data-error')).toBe('incomplete');
    expect(await display.getByTestId('enrol-code').inputValue()).toBe('1234');

    // A code no technician made (one in 10⁸ that it is a live one).
    await typeOnEnrolPad(display, '0000');
    expect(await display.getByTestId('enrol-code').inputValue()).toBe('1234-0000');
    await display.getByTestId('enrol-submit').click();
    const error = display.getByTestId('enrol-error');
    await expect.poll(() => error.getAttribute('data-error')).toBe('unknown-code');
    expect(await error.innerText()).toBe(texts('en').error['unknown-code']);
    await shoot(display, 'enrol-display-wrong-code-en');
    await display.setViewportSize(LANDSCAPE);

    // The technician's code, typed on a keyboard as on a display without touch (a dash is fine).
    const code = newCode('display', 'Hall screen');
    await display.getByTestId('enrol-pad-clear').click();
    expect(await display.getByTestId('enrol-code').inputValue()).toBe('');
    await display.keyboard.type(code.replace('-', ''));
    expect(await display.getByTestId('enrol-code').inputValue()).toBe(code);
    await display.keyboard.press('Enter');
    await display.getByTestId('hall').waitFor();
    expect(await display.getByTestId('screen-enrol').count()).toBe(0);
    expect(await storedCredential(display)).toMatch(/^\S{20,}$/);
    expect(display.url()).toBe(`${server}/hall.html?speak=`);
    // Enrolled in its role under the technician's name for the code.
    expect(deviceNamed('Hall screen')?.role).toBe('display');

    const number = await callAtDesk();
    await display.getByTestId(`hall-call-${number}`).waitFor();
    expect(await display.getByTestId('hall-offline').count()).toBe(0);
  });

  it('a console opened with #token=… keeps it, takes it out of the address, and shows the enrol screen once revoked', async () => {
    const token = await hall.enrolDevice('console', 'Console tablet');
    const deviceId = deviceNamed('Console tablet')!.deviceId;
    const page = await browser.newPage({ viewport: LANDSCAPE });
    await page.goto(`${server}/console.html?lng=en#token=${token}`);
    await page.getByTestId('screen-sign-in').waitFor();
    expect(page.url()).toBe(`${server}/console.html?lng=en`);
    expect(await page.evaluate(() => window.location.hash)).toBe('');
    expect(await storedCredential(page)).toBe(token);

    await page.getByTestId('sign-in-desk').click();
    await page.getByTestId('pad-1').click();
    await page.getByTestId('sign-in-pin').click();
    for (const digit of DESK_PIN) await page.getByTestId(`pad-${digit}`).click();
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('desk-screen').waitFor();
    // Opened again without the fragment: the kept credential.
    await page.reload();
    await page.getByTestId('desk-screen').waitFor();

    registry((devices) => devices.revoke(deviceId, new Date()));
    const seen = countRequests(page);
    // The next thing staff do: today's tickets (unless the page was refused already, by a call of its own).
    const screen = page.getByTestId('screen-enrol');
    await page
      .getByTestId('tab-tickets')
      .click({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        if ((await screen.count()) === 0) throw error;
      });
    await screen.waitFor();
    expect(await screen.getAttribute('data-page')).toBe('console');
    expect(await screen.locator('h1').innerText()).toBe(texts('en').title);
    expect(await storedCredential(page)).toBeNull();
    // The desk it was signed in at names the device it enrols as.
    expect(await page.getByTestId('enrol-command').innerText()).toBe(
      'npm run hall -- enrol-code --role console --name "Desk console, desk 1"',
    );
    await page.waitForTimeout(500);
    const before = { calls: seen.calls.length, sockets: seen.sockets };
    await page.waitForTimeout(4_000);
    expect(seen.calls.slice(before.calls).filter((name) => name !== 'getKioskInfo')).toEqual([]);
    expect(seen.sockets - before.sockets).toBe(0);

    // Enrolled again, the tablet is back at its desk (the desk session outlives the credential); the
    // technician gave the code no name, so the tablet is listed under its own.
    await typeOnEnrolPad(page, newCode('console', null));
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('desk-screen').waitFor();
    expect(deviceNamed('Desk console, desk 1')?.role).toBe('console');
    await page.close();
  });

  it('a revoked display, which makes no calls of its own, shows the enrol screen after its socket is cut', async () => {
    const deviceId = deviceNamed('Hall screen')!.deviceId;
    registry((devices) => devices.revoke(deviceId, new Date()));
    // The server cuts the display's events at the next event, and refuses the socket it opens again.
    await callAtDesk();
    await display.getByTestId('screen-enrol').waitFor({ timeout: 20_000 });
    expect(await storedCredential(display)).toBeNull();
  });

  it('rating and figures pages show the same screen, in their own role', async () => {
    for (const [path, page, role] of [
      ['rating.html?desk=1', 'rating-tablet', 'rating-tablet --name "Rating tablet, desk 1"'],
      ['figures.html?lng=kk', 'figures', 'console --name "Figures tablet"'],
    ] as const) {
      const tab = await browser.newPage({ viewport: PORTRAIT });
      await tab.goto(`${server}/${path}`);
      const screen = tab.getByTestId('screen-enrol');
      await screen.waitFor();
      expect(await screen.getAttribute('data-page')).toBe(page);
      expect(await tab.getByTestId('enrol-command').innerText()).toBe(`npm run hall -- enrol-code --role ${role}`);
      await shoot(tab, `enrol-${page}`);
      await tab.close();
    }
  });
});
