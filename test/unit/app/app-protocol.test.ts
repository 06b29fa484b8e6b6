import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { registerAppScheme, rendererResponse, serveRenderer } from '../../../main/app/app-protocol';
import { KIOSK_CONTENT_SECURITY_POLICY } from '../../../main/app/security';

const protocol = vi.hoisted(() => ({ registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }));
vi.mock('electron', () => ({ protocol }));

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-app-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kiosk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(root, 'secret.txt'), 'not for the renderer');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => rendererResponse(rendererDir, new Request(url, { method }));

describe('the app scheme', () => {
  test('is registered as standard, secure and fetchable', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  test('is served from the renderer folder', async () => {
    serveRenderer(rendererDir);
    expect(protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
    expect(await (await handler(new Request('app://kiosk/index.html'))).text()).toContain('<title>Kiosk</title>');
  });
});

describe('rendererResponse', () => {
  test('serves the entry page for the root, with the policy and its type', async () => {
    const response = await get('app://kiosk/');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(KIOSK_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Kiosk</title>');
  });

  test('serves files below the folder', async () => {
    const response = await get('app://kiosk/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toBe('console.log(1);');
  });

  test('refuses paths that leave the folder, encoded or not', async () => {
    for (const url of [
      'app://kiosk/../secret.txt',
      'app://kiosk/..%2fsecret.txt',
      'app://kiosk/assets/..%2f..%2fsecret.txt',
      'app://kiosk/%2e%2e/secret.txt',
      'app://kiosk/..%5csecret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('not for the renderer');
    }
  });

  test('refuses missing files, other hosts and writes', async () => {
    expect((await get('app://kiosk/missing.js')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
  });

  test('answers HEAD without a body', async () => {
    const response = await get('app://kiosk/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
