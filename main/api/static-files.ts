import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_TYPES } from '../shared/content-types';

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Pages built with the kiosk's renderer but served by the central server only (its dashboards and
 * public pages): a kiosk or hall server has no API behind them, so it does not offer them.
 */
const CENTRAL_PAGES = new Set(['dashboard.html', 'public.html']);

/**
 * Reads a file of the built renderer for a URL path, or undefined when there is none. Paths that
 * would leave the folder (../, encoded or not) are refused, and so are the central's own pages.
 */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^[/\\]+/, '');
  const file = join(rootDir, relative);
  if (relative.startsWith('..') || !file.startsWith(rootDir.endsWith(sep) ? rootDir : rootDir + sep)) return undefined;
  if (CENTRAL_PAGES.has(relative)) return undefined;
  try {
    return { body: await readFile(file), contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}
