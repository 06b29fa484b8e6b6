import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { CONTENT_TYPES } from '../../../shared/content-types';
import { Refusal } from './answers';

/*
 * The built renderer's pages and assets as the dashboards' listener serves them: the staff
 * dashboards (dashboard.html) and the public pages (public.html) alike.
 */

/** A page's headers: nothing but this origin's scripts and styles, no referrer, never framed. */
export const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** A built page (e.g. dashboard.html), with `status` (a page can say "not found" and still explain it). */
export async function sendBuiltPage(
  res: ServerResponse,
  staticDir: string,
  file: string,
  headers: Record<string, string> = {},
  status = 200,
): Promise<void> {
  let html: Buffer;
  try {
    html = await readFile(join(staticDir, file));
  } catch {
    throw new Refusal(503, 'not-built', `the pages are not built in ${staticDir}: run npm run build`);
  }
  res.writeHead(status, { 'content-type': CONTENT_TYPES['.html']!, ...PAGE_HEADERS, ...headers }).end(html);
}

/** A built asset by its file name (letters, digits, dots, dashes: no path can leave the folder). */
export async function sendBuiltAsset(res: ServerResponse, staticDir: string, name: string): Promise<void> {
  if (!/^[\w-]+(\.[\w-]+)+$/.test(name)) throw new Refusal(404, 'not-found', 'no such file');
  let body: Buffer;
  try {
    body = await readFile(join(staticDir, 'assets', name));
  } catch {
    throw new Refusal(404, 'not-found', 'no such file');
  }
  res
    .writeHead(200, {
      'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      // The names carry their content's hash: a changed file is a new name.
      'cache-control': 'public, max-age=31536000, immutable',
    })
    .end(body);
}
