import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../main/core/auth/pin';
import { loadCatalogFile } from '../../main/boot/read-files';
import { startBrowserShell } from '../support/browser-shell-process';
import type { RunningShell } from '../support/browser-shell-process';
import { launchChromium } from '../support/chromium';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';

/**
 * A web page of another origin, open in a browser on the kiosk machine (Chromium here), tries to
 * issue a ticket and listen to the events: a `no-cors` text/plain POST (a "simple request" the
 * browser sends without asking), a JSON POST (which needs a CORS preflight), and a WebSocket.
 * The kiosk (the browser shell, a real process with its SQLite file) must issue nothing.
 */
const ATTACK_PAGE = `<!doctype html><meta charset="utf-8"><title>elsewhere</title><script>
window.attack = async (kiosk) => {
  const body = JSON.stringify({ serviceId: 'passport', language: 'az' });
  const outcomes = {};
  try {
    await fetch(kiosk + '/api/call/issueTicket', { method: 'POST', body, mode: 'no-cors' });
    outcomes.simple = 'sent';
  } catch (error) { outcomes.simple = 'failed: ' + error; }
  try {
    await fetch(kiosk + '/api/call/issueTicket', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    outcomes.json = 'answered';
  } catch (error) { outcomes.json = 'blocked'; }
  outcomes.socket = await new Promise((resolve) => {
    const socket = new WebSocket(kiosk.replace('http', 'ws') + '/api/events');
    socket.onopen = () => resolve('open');
    socket.onerror = () => resolve('refused');
    setTimeout(() => resolve('timeout'), 5000);
  });
  return outcomes;
};
</script>`;

describe('a page of another local origin in Chromium cannot reach the kiosk API', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RunningShell;
  let browser: Browser;
  let elsewhere: Server;
  let elsewhereUrl: string;

  beforeAll(async () => {
    dir = tempDir('kiosk-e2e-foreign-origin-');
    // Every service open at any hour, so a refusal can only come from the guard, not the opening hours.
    const catalogFile = join(dir.path, 'catalog.json');
    const configFile = join(dir.path, 'kiosk-config.json');
    writeFileSync(catalogFile, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
    writeFileSync(configFile, JSON.stringify({ catalogPath: catalogFile, technician: { pinHash: hashPin('482916') } }));
    shell = await startBrowserShell(['--data-dir', dir.path, '--config', configFile]);
    // The second tiny server: another port of the same machine is another origin.
    elsewhere = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(ATTACK_PAGE);
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    await new Promise((resolve) => elsewhere?.close(resolve));
    dir?.remove();
  });

  /** Tickets in the kiosk's SQLite file, read on a connection of its own. */
  const ticketsStored = () => {
    const db = new Database(join(dir.path, 'kiosk.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS count FROM tickets').get() as { count: number }).count;
    } finally {
      db.close();
    }
  };

  it('issues no ticket and opens no events socket, while the kiosk page itself still works', async () => {
    const page = await browser.newPage();
    await page.goto(elsewhereUrl);
    const outcomes = await page.evaluate(
      (kiosk) => (window as unknown as { attack(k: string): Promise<Record<string, string>> }).attack(kiosk),
      shell.url,
    );
    // The simple request leaves the browser (no-cors cannot be stopped there); the kiosk refuses it.
    expect(outcomes).toEqual({ simple: 'sent', json: 'blocked', socket: 'refused' });
    expect(ticketsStored()).toBe(0);
    await page.close();

    // The kiosk's own page, same origin, issues tickets as before: the guard refuses only strangers.
    const kiosk = await browser.newPage();
    await kiosk.goto(shell.url);
    await kiosk.getByTestId('screen-attract').waitFor();
    const own = await kiosk.evaluate(async () => {
      const response = await fetch('/api/call/issueTicket', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: 'passport', language: 'az' }),
      });
      return (await response.json()) as { ok: boolean };
    });
    expect(own).toMatchObject({ ok: true });
    expect(ticketsStored()).toBe(1);
    await kiosk.close();
  }, 60_000);
});
