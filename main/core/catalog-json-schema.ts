import { z } from 'zod';
import { Catalog } from '../contract';

/**
 * The JSON Schema technicians' editors use to check a catalog file as they type. Generated from
 * the zod schema, so the two never disagree; cross-references (ids) are checked only on load.
 */
export function catalogJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Catalog, { io: 'input', target: 'draft-2020-12' }),
    title: 'Kiosk service catalog',
    description: 'Providers → categories → services of a queue kiosk. Generated from main/contract/catalog.ts.',
  };
}

export const catalogJsonSchemaText = (): string => `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`;
