import type { Page } from 'playwright-core';

/** Types a one-time enrol code on the enrol screen's number pad, as a technician does on a tablet. */
export async function typeOnEnrolPad(page: Page, code: string): Promise<void> {
  for (const digit of code.replace(/\D/g, '')) await page.getByTestId(`enrol-pad-${digit}`).click();
}
