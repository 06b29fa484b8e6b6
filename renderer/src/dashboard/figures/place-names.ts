import type { Language } from '../../../../main/contract';
import type { NetworkMap } from '../../../../main/contract/monitoring';

/*
 * What a place is called on the page: a centre by its name (its id when it has none), a service by
 * its name in the page's language from the newest catalog (its id when no catalog names it). A region
 * is named by its key: the network map has no other name for it.
 */

export function centreOf(network: NetworkMap, centreId: string) {
  for (const region of network.regions) {
    const centre = region.centres.find((candidate) => candidate.centreId === centreId);
    if (centre) return { ...centre, region: region.region };
  }
  return null;
}

export const centreName = (network: NetworkMap, centreId: string): string =>
  centreOf(network, centreId)?.name ?? centreId;

export function serviceName(network: NetworkMap, serviceId: string, language: Language): string {
  const service = network.services.find((candidate) => candidate.serviceId === serviceId);
  return service?.name?.[language] ?? serviceId;
}
