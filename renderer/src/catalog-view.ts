import type { Catalog, Category, Language, Provider, Service } from '../../main/contract';
import type { SearchableService } from './search/service-search';

/** Services this kiosk offers: a disabled one is never shown. */
export function enabledServices(catalog: Catalog): Service[] {
  return catalog.services.filter((service) => service.enabled);
}

/** Providers with at least one enabled service, in catalog order. */
export function providersWithServices(catalog: Catalog): Provider[] {
  const offered = new Set(enabledServices(catalog).map((service) => service.providerId));
  return catalog.providers.filter((provider) => offered.has(provider.id));
}

/** A provider's categories that hold an enabled service, in catalog order. */
export function categoriesOf(catalog: Catalog, providerId: string): Category[] {
  const offered = new Set(enabledServices(catalog).map((service) => service.categoryId));
  return catalog.categories.filter((category) => category.providerId === providerId && offered.has(category.id));
}

export function servicesOf(catalog: Catalog, categoryId: string): Service[] {
  return enabledServices(catalog).filter((service) => service.categoryId === categoryId);
}

export function countServicesOf(catalog: Catalog, providerId: string): number {
  return enabledServices(catalog).filter((service) => service.providerId === providerId).length;
}

export const findProvider = (catalog: Catalog, id: string | undefined) => catalog.providers.find((p) => p.id === id);
export const findCategory = (catalog: Catalog, id: string | undefined) => catalog.categories.find((c) => c.id === id);
export const findService = (catalog: Catalog, id: string) => catalog.services.find((s) => s.id === id);

/** The service's name in the language, or its id if the catalog changed since the ticket was issued. */
export function serviceName(catalog: Catalog, serviceId: string, language: Language): string {
  return findService(catalog, serviceId)?.name[language] ?? serviceId;
}

/** What search reads: each enabled service with its provider's and category's names as extra words. */
export function searchableServices(catalog: Catalog): SearchableService[] {
  return enabledServices(catalog).map((service) => ({
    ...service,
    extra: [findProvider(catalog, service.providerId)?.name, findCategory(catalog, service.categoryId)?.name].filter(
      (name) => name !== undefined,
    ),
  }));
}
