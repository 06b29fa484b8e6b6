import { z } from 'zod';
import { Catalog } from '../contract';
import { KioskConfig } from './config';

/**
 * The JSON Schemas technicians' editors use to check a file as they type. Generated from the zod
 * schemas, so the two never disagree; what zod checks in code (catalog ids, a known time zone,
 * the default language among those on offer) is checked only on load.
 */
export interface JsonSchemaFile {
  /** Where the schema is checked in, from the repository root. */
  path: string;
  text(): string;
}

function jsonSchemaOf(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  return { ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }), title, description };
}

const asText = (schema: Record<string, unknown>): string => `${JSON.stringify(schema, null, 2)}\n`;

export const catalogJsonSchema = (): Record<string, unknown> =>
  jsonSchemaOf(
    Catalog,
    'Kiosk service catalog',
    'Providers → categories → services of a queue kiosk. Generated from main/contract/catalog.ts.',
  );
export const catalogJsonSchemaText = (): string => asText(catalogJsonSchema());

export const configJsonSchema = (): Record<string, unknown> =>
  jsonSchemaOf(
    KioskConfig,
    'Kiosk device configuration',
    'Settings of one kiosk (--config <file>, KIOSK_CONFIG or <data folder>/kiosk-config.json). Generated from main/core/config.ts.',
  );
export const configJsonSchemaText = (): string => asText(configJsonSchema());

/** Every schema file scripts/json-schemas.ts writes and a unit test keeps fresh. */
export const JSON_SCHEMA_FILES: readonly JsonSchemaFile[] = [
  { path: 'catalog/catalog.schema.json', text: catalogJsonSchemaText },
  { path: 'config/kiosk-config.schema.json', text: configJsonSchemaText },
];
