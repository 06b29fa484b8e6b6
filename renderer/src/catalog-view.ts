import type { Catalog, Language, Provider, Service } from '../../main/contract';

export interface ProviderGroup {
  provider: Provider;
  services: Service[];
}

/** Services under their provider, both in catalog order; providers without services are left out. */
export function servicesByProvider(catalog: Catalog): ProviderGroup[] {
  return catalog.providers
    .map((provider) => ({
      provider,
      services: catalog.services.filter((service) => service.providerId === provider.id),
    }))
    .filter((group) => group.services.length > 0);
}

/** The service's name in the language, or its id if the catalog changed since the ticket was issued. */
export function serviceName(catalog: Catalog, serviceId: string, language: Language): string {
  return catalog.services.find((service) => service.id === serviceId)?.name[language] ?? serviceId;
}
