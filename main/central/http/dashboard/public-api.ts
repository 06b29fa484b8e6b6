import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicCentreOf } from '../../monitoring/public-centre';
import type { PublicReads } from '../../monitoring/public-reads';
import {
  DEFAULT_LICENCE,
  openDataCsv,
  openDataFiles,
  openDataJson,
  openDataPackage,
  openDataRows,
} from '../../open-data/open-data';
import { firstUnpublishedMonth, monthProblem, openDataCellOf } from '../../open-data/open-data-months';
import { Refusal, sendJson } from './answers';
import { sendBuiltAsset, sendBuiltPage } from './static-files';

export interface PublicDeps {
  reads: PublicReads;
  /** Figures resting on fewer visits than this are withheld (default 10, DEFAULT_SUPPRESSION_THRESHOLD). */
  threshold: number;
  /** The built renderer: public.html and its assets. */
  staticDir: string;
  now: () => Date;
}

/*
 * The public pages and open data (issue 13; Kyrgyz law, art. 14: public monitoring of service
 * quality), read without signing in: no cookie is read or set, and every answer is the same for
 * everyone, so the figures may be cached for a minute and the months' files for an hour.
 *
 *   /public/                      the page (list of centres), /public/<centre> a centre's page
 *   /public/api/centres           the centres, /public/api/centres/<centre> a centre's figures
 *   /open-data/                   the months published, with their files' addresses
 *   /open-data/<YYYY-MM>.csv      and service-figures-<YYYY-MM>.csv: CSV with a BOM
 *   /open-data/<YYYY-MM>.json     and service-figures-<YYYY-MM>.json: the same rows as JSON
 *   /open-data/datapackage-<YYYY-MM>.json  the month's description (Frictionless Data), licence
 */

const PUBLISHER = 'Public service centres network';
const CENTRE_ID = /^[\w.-]{1,64}$/;
/** Figures change as visits arrive; a minute old is fresh enough for a visitor deciding when to come. */
const FIGURES_CACHE = { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' };
/** A past month changes only when a device that was offline reports late. */
const FILE_CACHE = { 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' };

/** Answers and returns true for /public… and /open-data… paths; false for any other. */
export async function publicAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: PublicDeps,
): Promise<boolean> {
  const isPublic = path === '/public' || path.startsWith('/public/');
  const isOpenData = path === '/open-data' || path.startsWith('/open-data/');
  if (!isPublic && !isOpenData) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD')
    throw new Refusal(405, 'method-not-allowed', `${path} is read with GET`, {}, { allow: 'GET, HEAD' });
  if (path === '/public' || path === '/open-data') {
    res.writeHead(308, { location: `${path}/`, 'cache-control': 'public, max-age=3600' }).end();
    return true;
  }
  if (isPublic) await publicPath(res, path.slice('/public/'.length), deps);
  else await openDataPath(res, path.slice('/open-data/'.length), deps);
  return true;
}

async function publicPath(res: ServerResponse, rest: string, deps: PublicDeps): Promise<void> {
  if (rest.startsWith('assets/')) return sendBuiltAsset(res, deps.staticDir, rest.slice('assets/'.length));
  if (rest === 'api/centres') return sendJson(res, 200, { centres: await deps.reads.centres() }, FIGURES_CACHE);
  const asked = /^api\/centres\/(.*)$/.exec(rest)?.[1];
  if (asked !== undefined) {
    const centreId = decodeURIComponent(asked);
    const figures = CENTRE_ID.test(centreId) ? await deps.reads.centre(centreId, deps.now()) : null;
    if (!figures) throw unknownCentre(centreId);
    return sendJson(res, 200, publicCentreOf(figures, deps.threshold), FIGURES_CACHE);
  }
  if (rest === '') return sendBuiltPage(res, deps.staticDir, 'public.html', { 'cache-control': 'no-cache' });
  const centreId = decodeURIComponent(rest);
  // The page for an unknown centre still loads, with 404, and tells the visitor in their language.
  const known = CENTRE_ID.test(centreId) && (await deps.reads.centres()).some((c) => c.centreId === centreId);
  return sendBuiltPage(res, deps.staticDir, 'public.html', { 'cache-control': 'no-cache' }, known ? 200 : 404);
}

const unknownCentre = (centreId: string) =>
  new Refusal(404, 'unknown-centre', `there is no centre "${centreId}": the list is at /public/api/centres`, {
    centreId,
  });

/** A month's file: its kind and the month asked for (checked after). */
function monthFile(name: string): { kind: 'csv' | 'json' | 'datapackage'; month: string } | null {
  const description = /^datapackage-(.*)\.json$/.exec(name);
  if (description) return { kind: 'datapackage', month: description[1]! };
  const file = /^(?:service-figures-)?(.*)\.(csv|json)$/.exec(name);
  return file ? { kind: file[2] as 'csv' | 'json', month: file[1]! } : null;
}

async function openDataPath(res: ServerResponse, rest: string, deps: PublicDeps): Promise<void> {
  const before = firstUnpublishedMonth(deps.now());
  if (rest === '') {
    const months = await deps.reads.months(before);
    return sendJson(
      res,
      200,
      {
        title: 'Public service centres: queue and satisfaction figures per centre, service and month',
        licence: DEFAULT_LICENCE,
        threshold: deps.threshold,
        withholding: `A figure computed from fewer than ${deps.threshold} visits is left empty, so no single visit can be inferred.`,
        months: months.map((month) => {
          const files = openDataFiles(month);
          return { month, csv: files.csv, json: files.json, datapackage: files.description };
        }),
      },
      FIGURES_CACHE,
    );
  }
  const file = monthFile(decodeURIComponent(rest));
  if (!file) throw new Refusal(404, 'not-found', `no /open-data/${rest} here: the months are listed at /open-data/`);
  const problem = monthProblem(file.month);
  if (problem) throw new Refusal(400, 'bad-month', problem, { problems: [problem] });
  if (file.month >= before)
    throw new Refusal(404, 'month-not-over', `${file.month} is not over yet: only whole past months are published`);
  const names = openDataFiles(file.month);
  if (file.kind === 'datapackage') {
    const description = openDataPackage({
      month: file.month,
      publisher: PUBLISHER,
      threshold: deps.threshold,
      createdAt: deps.now(),
    });
    return sendFile(res, JSON.stringify(description, null, 2), 'application/json; charset=utf-8', names.description);
  }
  const cells = await deps.reads.monthCells(file.month);
  if (cells.length === 0)
    throw new Refusal(
      404,
      'no-figures',
      `no visits were reported for ${file.month}: the months are listed at /open-data/`,
    );
  const rows = openDataRows(cells.map(openDataCellOf), deps.threshold);
  if (file.kind === 'csv')
    return sendFile(res, openDataCsv(rows), 'text/csv; charset=utf-8; header=present', names.csv);
  return sendFile(res, openDataJson(rows), 'application/json; charset=utf-8', names.json);
}

function sendFile(res: ServerResponse, body: string, contentType: string, filename: string): void {
  res
    .writeHead(200, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      'content-disposition': `attachment; filename="${filename}"`,
      'x-content-type-options': 'nosniff',
      ...FILE_CACHE,
    })
    .end(body);
}
