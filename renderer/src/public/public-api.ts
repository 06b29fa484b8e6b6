import { z } from 'zod';
import { PublicCentre } from '../../../main/contract/monitoring';

/*
 * The public pages' reads (issue 13): relative to the page (/public/…), so they work behind any
 * path prefix. No cookie is sent or needed. An answer that is not what the contract says is a
 * failure, said as such, never shown half-read.
 */

export const CentreSummary = z.object({
  centreId: z.string(),
  name: z.string().nullable(),
  region: z.string(),
  kind: z.enum(['centre', 'bus']),
});
export type CentreSummary = z.infer<typeof CentreSummary>;

const CentresAnswer = z.object({ centres: z.array(CentreSummary) });

const OpenDataIndex = z.object({
  months: z.array(z.object({ month: z.string(), csv: z.string(), json: z.string(), datapackage: z.string() })),
});
export type OpenDataIndex = z.infer<typeof OpenDataIndex>;

export type Read<T> = { kind: 'ok'; value: T } | { kind: 'unknown' } | { kind: 'failed' };

async function read<T>(url: string, schema: z.ZodType<T>): Promise<Read<T>> {
  try {
    const response = await fetch(url, { credentials: 'omit' });
    if (response.status === 404) return { kind: 'unknown' };
    if (!response.ok) return { kind: 'failed' };
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'failed' };
  } catch {
    return { kind: 'failed' };
  }
}

// Every public page is /public/ or /public/<centre>: "./" is /public/ from both.
export const readCentres = () =>
  read(
    './api/centres',
    CentresAnswer.transform((answer) => answer.centres),
  );

export const readCentre = (centreId: string) => read(`./api/centres/${encodeURIComponent(centreId)}`, PublicCentre);

export const readOpenDataIndex = () => read(OPEN_DATA, OpenDataIndex);

/** The open data's folder, from any public page. */
export const OPEN_DATA = '../open-data/';
