import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskSession, Ticket } from '../../main/contract';
import { hashPin } from '../../main/core/auth/pin';
import { callApi } from '../support/api-call';
import { LANDSCAPE, PORTRAIT, launchChromium } from '../support/chromium';
import { DESK_PIN } from '../support/desk-fixture';
import { HallOnThisMachine } from '../support/hall-processes';
import { localeTexts } from '../support/locale-texts';
import { checkBothOrientations, overflowProblems, seriousAxeViolations } from '../support/screen-checks';

/*
 * The hall server's technician screen (technician.html on the server, its own process of the built
 * browser shell): the technician signs in with the PIN, makes a one-time code for a hall display and
 * the display's page opens from the QR code's address and enrols itself; a rating tablet's code is
 * typed on its enrol screen and the tablet names itself; both are listed with their last contact;
 * the display is revoked from the list and its page falls back to the enrol screen. In English and
 * Kazakh (a long language), portrait and landscape.
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/technician-hall-devices');
const PIN = '735146';
const CREDENTIAL_KEY = 'kiosk.hallCredential';

interface DeviceTexts {
  roles: Record<string, string>;
  never: string;
  listHeading: string;
  scan: string;
}
const texts = (language: string) =>
  localeTexts<{ hallDevices: DeviceTexts; sections: Record<string, string> }>(language, 'technician');

describe('the hall server’s technician screen enrols and revokes the hall’s devices (Chromium, hall server process)', () => {
  let hall: HallOnThisMachine;
  let browser: Browser;
  let server: string;
  let technician: Page;
  let display: Page;
  let displayId: string;

  const section = () => technician.getByTestId('technician-section-hall-devices');
  const deviceRow = (name: string) => section().getByTestId('hall-device').filter({ hasText: name });

  /** Another section and back: the list is read afresh (it also reads itself every 10 s). */
  const reopen = async () => {
    await technician.getByTestId('technician-nav-pin').click();
    await technician.getByTestId('technician-nav-hall-devices').click();
    await section().getByTestId('hall-devices-list').waitFor();
  };

  /** Makes a code and waits for it (a new code, not the one shown before): its digits as shown. */
  const makeCode = async (role: string, name: string) => {
    const card = section().getByTestId('hall-devices-code');
    const before = (await card.count()) ? await card.getAttribute('data-code') : null;
    await section().getByTestId('hall-devices-role').selectOption(role);
    await section().getByTestId('hall-devices-name').fill(name);
    await section().getByTestId('hall-devices-make-code').click();
    await expect
      .poll(async () => ((await card.count()) ? await card.getAttribute('data-code') : null))
      .not.toBe(before);
    const digits = await section().getByTestId('hall-devices-code-digits').innerText();
    expect(digits).toMatch(/^\d{4}-\d{4}$/);
    expect(digits).toBe(await card.getAttribute('data-code'));
    return digits;
  };

  /** Portrait and landscape: nothing runs out of its box, axe finds nothing serious; kept to look at. */
  const shoot = (name: string) =>
    checkBothOrientations(technician, { folder: SCREENSHOTS, name }, [overflowProblems, seriousAxeViolations]);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    hall = new HallOnThisMachine();
    await hall.startServer({ config: { technician: { pinHash: hashPin(PIN) } } });
    server = hall.serverUrl();
    browser = await launchChromium();
    // The rack PC's own screen: the technician's calls are answered on the server itself.
    technician = await browser.newPage({ viewport: LANDSCAPE });
    await technician.goto(`${server}/technician.html`);
    const pad = technician.getByTestId('technician-pin-pad');
    await pad.waitFor();
    for (const digit of PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.locator('.technician-key--primary').click();
    await technician.getByTestId('technician-panel').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('opens on the hall’s devices; a server has no printer section', async () => {
    await section().getByTestId('hall-devices-list').waitFor();
    const nav = await technician
      .locator('.technician-nav__item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')));
    expect(nav[0]).toBe('technician-nav-hall-devices');
    expect(nav).not.toContain('technician-nav-printer');
    expect(await section().innerText()).toContain(texts('en').hallDevices.listHeading.replace('{{count}}', '0'));
  });

  it('a display’s code, shown large with a QR code: the display opens its address and enrols itself', async () => {
    const code = await makeCode('display', 'Screen by the door');
    // Opened on 127.0.0.1 the screen cannot know the hall's address: no QR code until it is typed.
    expect(await section().getByTestId('hall-devices-qr').count()).toBe(0);
    await section().getByTestId('hall-devices-address').fill(server);
    const qr = section().getByTestId('hall-devices-qr');
    const address = await qr.getAttribute('data-qr-content');
    expect(address).toBe(`${server}/hall.html#enrol=${code.replace('-', '')}`);
    expect(await section().getByTestId('hall-devices-page').innerText()).toBe(address);
    await technician.getByTestId('hall-devices-code').evaluate((card) => card.scrollIntoView({ block: 'center' }));
    await shoot('display-code-en');

    // The display's camera opens the QR code's address: it enrols without a digit typed.
    display = await browser.newPage({ viewport: LANDSCAPE });
    // (?speak= with nothing: the display does not speak its calls in this test.)
    await display.goto(address!.replace('/hall.html#', '/hall.html?speak=#'));
    // The page shows the hall display until the server refuses it, enrols, and loads again: done once
    // it is the display in a page loaded again (reading the page while it reloads would fail).
    await expect
      .poll(
        () =>
          display
            .evaluate(() => ({
              reloaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type,
              display: document.querySelector('[data-testid="hall"]') !== null,
            }))
            .catch(() => null),
        { timeout: 20_000 },
      )
      .toEqual({ reloaded: 'reload', display: true });
    expect(await display.evaluate((key) => window.localStorage.getItem(key), CREDENTIAL_KEY)).toMatch(/.{20,}/);
    expect(await display.evaluate(() => window.location.hash)).toBe('');

    await reopen();
    const row = deviceRow('Screen by the door');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain(texts('en').hallDevices.roles.display!);
    await expect.poll(() => row.getByTestId('hall-device-contact').innerText()).not.toBe(texts('en').hallDevices.never);
    displayId = (await row.getAttribute('data-device-id'))!;
    expect(displayId).toMatch(/^display-/);

    // Used once: the same code does not enrol a second page.
    const second = await browser.newPage({ viewport: LANDSCAPE });
    await second.goto(address!);
    await second.getByTestId('enrol-error').waitFor();
    expect(await second.getByTestId('enrol-error').getAttribute('data-error')).toBe('unknown-code');
    await second.close();
  });

  it('a rating tablet’s code without a name is typed on its pad, and the tablet names itself', async () => {
    const code = await makeCode('rating-tablet', '');
    const tablet = await browser.newPage({ viewport: PORTRAIT });
    await tablet.goto(`${server}/rating.html?lng=kk`);
    await tablet.getByTestId('screen-enrol').waitFor();
    for (const digit of code.replace('-', '')) await tablet.getByTestId(`enrol-pad-${digit}`).click();
    await tablet.getByTestId('enrol-submit').click();
    await tablet.getByTestId('screen-enrol').waitFor({ state: 'detached', timeout: 20_000 });
    await tablet.close();

    await reopen();
    const row = deviceRow('Rating tablet');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain(texts('en').hallDevices.roles['rating-tablet']!);
  });

  it('a kiosk’s code comes with the command to run on the kiosk', async () => {
    const code = await makeCode('kiosk', 'Kiosk by the stairs');
    expect(await section().getByTestId('hall-devices-command').innerText()).toBe(
      `npm run enrol -- --hall ${server} --code ${code}`,
    );
    expect(await section().getByTestId('hall-devices-qr').count()).toBe(0);
  });

  it('revoked from the list, the display is refused at its next event and shows the enrol screen', async () => {
    const row = section().locator(`[data-device-id="${displayId}"]`);
    await row.getByTestId('hall-device-revoke').click();
    await shoot('revoke-confirm-en');
    await row.getByTestId('hall-device-revoke-yes').click();
    await expect.poll(() => row.getAttribute('data-revoked')).toBe('true');

    // A desk calls a visitor: the display's event connection is cut at that event, and its page asks for a code.
    const consoleToken = await hall.enrolDevice('console', 'Desk 1');
    const kioskToken = await hall.enrolDevice('kiosk', 'Kiosk for the test');
    const desk = await callApi<DeskSession>(server, 'deskSignIn', { deskId: '1', pin: DESK_PIN }, consoleToken);
    const issued = { kioskId: 'kiosk-1', originRef: crypto.randomUUID(), serviceId: 'passport', language: 'ru' };
    await callApi<Ticket>(server, 'hallIssueTicket', issued, kioskToken);
    await callApi<Ticket>(server, 'callNext', { token: desk.token }, consoleToken);
    await display.getByTestId('screen-enrol').waitFor({ timeout: 20_000 });
    expect(await display.evaluate((key) => window.localStorage.getItem(key), CREDENTIAL_KEY)).toBeNull();
  });

  it('reads in Kazakh, every device listed, in both orientations', async () => {
    await technician.getByTestId('technician-panel-language').selectOption('kk');
    const kk = texts('kk');
    await expect
      .poll(() => technician.getByTestId('technician-nav-hall-devices').innerText())
      .toBe(kk.sections['hall-devices']);
    await makeCode('console', 'Терезе 3 пульті');
    await section().getByTestId('hall-devices-address').fill(server);
    expect(await section().innerText()).toContain(kk.hallDevices.scan);
    await shoot('console-code-kk');
    await section()
      .getByTestId('hall-devices-list')
      .evaluate((list) => list.scrollIntoView({ block: 'center' }));
    await shoot('devices-kk');
  });
});
