import type { Page } from 'playwright-core';
import { hashPin } from '../../main/core/auth/pin';

/** A desk of the kiosk configuration that signs in with `pin` and calls for every service (or the ones named). */
export function deskWithPin(id: string, pin: string, serviceIds: string[] = ['*']) {
  return { id, serviceIds, pinHash: hashPin(pin) };
}

/**
 * Opens the desk console and signs in by tapping the number pad, as staff do on a tablet; resolves
 * once the desk screen shows. `lng` fixes the console's language (otherwise the kiosk's default).
 */
export async function signInAtConsole(
  page: Page,
  shellUrl: string,
  deskId: string,
  pin: string,
  lng?: string,
): Promise<void> {
  await page.goto(`${shellUrl}/console.html${lng ? `?lng=${lng}` : ''}`);
  await signInOnPad(page, deskId, pin);
}

/**
 * Signs in on the sign-in screen the console shows now (first opened, or after a restarted server
 * forgot its desk sessions), tapping the number pad; resolves once the desk screen shows.
 */
export async function signInOnPad(page: Page, deskId: string, pin: string): Promise<void> {
  await page.getByTestId('screen-sign-in').waitFor();
  await page.getByTestId('sign-in-desk').click();
  for (const digit of deskId) await page.getByTestId(`pad-${digit}`).click();
  await page.getByTestId('sign-in-pin').click();
  for (const digit of pin) await page.getByTestId(`pad-${digit}`).click();
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('desk-screen').waitFor();
}
