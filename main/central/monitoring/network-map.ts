import { LocalizedText } from '../../contract/languages';
import type { NetworkMap } from '../../contract/monitoring';
import type { SqlQuery } from './figures';

/*
 * The network as an account may read it (issue 13): the regions and their centres (the centres
 * table), and the services with their names from the newest catalog release, plus any service the
 * standards or the readable centres' rollups name that no catalog does (named null).
 */

/** Every centre described, or only those given (null: all). */
export function centresQuery(centreIds: readonly string[] | null): SqlQuery {
  const where = centreIds === null ? '' : 'WHERE centre_id = ANY ($1::text[])';
  return {
    text: `SELECT centre_id, name, region, kind FROM centres ${where} ORDER BY region, centre_id`,
    values: centreIds === null ? [] : [centreIds],
  };
}

/**
 * Each service's id and its name as the newest catalog release has it (null when it names none):
 * the catalog's services, the standards' and those with visits in the centres given (null: all).
 */
export function servicesQuery(centreIds: readonly string[] | null): SqlQuery {
  const counted =
    centreIds === null
      ? 'SELECT DISTINCT service_id FROM visit_rollup_network_month'
      : 'SELECT DISTINCT service_id FROM visit_rollup_month WHERE centre_id = ANY ($1::text[])';
  return {
    text: `WITH named AS (
      SELECT s ->> 'id' AS service_id, s -> 'name' AS name
        FROM (SELECT catalog FROM catalog_releases ORDER BY released_at DESC, version DESC LIMIT 1) r,
             jsonb_array_elements(CASE WHEN jsonb_typeof(r.catalog -> 'services') = 'array' THEN r.catalog -> 'services' ELSE '[]' END) s)
    SELECT ids.service_id, named.name
      FROM (SELECT service_id FROM named UNION SELECT service_id FROM service_standards UNION ${counted}) ids
      LEFT JOIN named USING (service_id)
     WHERE ids.service_id IS NOT NULL
     ORDER BY ids.service_id`,
    values: centreIds === null ? [] : [centreIds],
  };
}

export interface CentreRow {
  centre_id: string;
  name: string | null;
  region: string;
  kind: 'centre' | 'bus';
}

export interface ServiceRow {
  service_id: string;
  name: unknown;
}

export function networkMapOf(centres: CentreRow[], services: ServiceRow[]): NetworkMap {
  const regions = new Map<string, NetworkMap['regions'][number]['centres']>();
  for (const centre of centres) {
    const list = regions.get(centre.region) ?? [];
    list.push({ centreId: centre.centre_id, name: centre.name, kind: centre.kind });
    regions.set(centre.region, list);
  }
  return {
    regions: [...regions].map(([region, list]) => ({ region, centres: list })),
    services: services.map((row) => {
      // A release's catalog was checked when released; a name in another shape is shown as unnamed.
      const name = LocalizedText.safeParse(row.name);
      return { serviceId: row.service_id, name: name.success ? name.data : null };
    }),
  };
}
