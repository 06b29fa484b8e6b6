import { protocol } from 'electron';
import { readStaticFile } from '../api/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { KIOSK_CONTENT_SECURITY_POLICY } from './security';

/**
 * Must run before the app is ready. `standard` gives the scheme real origins and relative URLs,
 * `secure` makes its pages a secure context, `supportFetchAPI` lets the renderer fetch its own files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on `app://kiosk/`; must run after the app is ready. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request));
}

/**
 * Answers one request from the renderer folder. Paths leaving the folder, other hosts and methods
 * other than reading get no file, so nothing else on the disk is reachable from the renderer.
 */
export async function rendererResponse(rendererDir: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404, 'not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'the kiosk app is read only');
  const file = await readStaticFile(rendererDir, url.pathname);
  if (!file) return refusal(404, 'not found');
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Security-Policy': KIOSK_CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      // A kiosk is updated by replacing its files; a stale cached script must never outlive them.
      'Cache-Control': 'no-cache',
    },
  });
}

function refusal(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': KIOSK_CONTENT_SECURITY_POLICY },
  });
}
