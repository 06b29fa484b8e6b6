// Writes catalog/catalog.schema.json from the zod schema: `npx tsx scripts/catalog-schema.ts`.
// A unit test fails while the checked-in file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { catalogJsonSchemaText } from '../main/core/catalog-json-schema';

const file = join(import.meta.dirname, '../catalog/catalog.schema.json');
// Formatted as the repository's prettier check expects.
const options = await resolveConfig(file);
writeFileSync(file, await format(catalogJsonSchemaText(), { ...options, filepath: file }));
console.log(`wrote ${file}`);
