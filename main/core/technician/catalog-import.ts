import type { Catalog, CatalogImportPreview } from '../../contract';
import { parseCatalogCsv } from '../catalog-csv';
import { parseCatalogJson } from '../catalog-source';
import { InvalidFileError } from '../validation-report';

/** How the checks name the pasted or loaded text in their messages. */
const SOURCE = 'the imported catalog';

export interface CheckedCatalog {
  /** Null when the text has a problem. */
  catalog: Catalog | null;
  preview: CatalogImportPreview;
}

/**
 * Checks a catalog text with the same code that checks the catalog file at start (JSON or CSV), and
 * counts what it holds per provider, so the technician sees what an import would bring before it does.
 */
export function checkCatalogImport(text: string, format: 'json' | 'csv'): CheckedCatalog {
  try {
    const catalog = format === 'csv' ? parseCatalogCsv(SOURCE, text) : parseCatalogJson(SOURCE, text);
    return { catalog, preview: { problems: [], ...catalogCounts(catalog) } };
  } catch (error) {
    if (!(error instanceof InvalidFileError)) throw error;
    const problems = error.problems.map(({ entry, field, message }) => ({ entry, field, message }));
    return {
      catalog: null,
      preview: { problems, totals: { providers: 0, categories: 0, services: 0 }, providers: [] },
    };
  }
}

function catalogCounts(catalog: Catalog): Omit<CatalogImportPreview, 'problems'> {
  return {
    totals: {
      providers: catalog.providers.length,
      categories: catalog.categories.length,
      services: catalog.services.length,
    },
    providers: catalog.providers.map((provider) => ({
      id: provider.id,
      name: { ...provider.name },
      categories: catalog.categories.filter((category) => category.providerId === provider.id).length,
      services: catalog.services.filter((service) => service.providerId === provider.id).length,
    })),
  };
}
