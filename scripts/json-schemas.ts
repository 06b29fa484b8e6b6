// Writes the JSON Schemas of the catalog and the device configuration from their zod schemas:
// `npx tsx scripts/json-schemas.ts`. A unit test fails while a checked-in file differs from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { JSON_SCHEMA_FILES } from '../main/core/json-schemas';

for (const schemaFile of JSON_SCHEMA_FILES) {
  const file = join(import.meta.dirname, '..', schemaFile.path);
  mkdirSync(dirname(file), { recursive: true });
  // Formatted as the repository's prettier check expects.
  const options = await resolveConfig(file);
  writeFileSync(file, await format(schemaFile.text(), { ...options, filepath: file }));
  console.log(`wrote ${file}`);
}
