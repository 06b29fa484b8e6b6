import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../main/contract';
import type { NetworkMap } from '../../../../main/contract/monitoring';
import type { Place } from '../dashboard-route';
import { centreOf, serviceName } from './place-names';

export interface Step {
  label: string;
  place: Place;
}

/**
 * The levels above and at a place, each with its name: network → region → centre → service →
 * desk. A manager's trail starts at their centre (the levels above are not theirs to read).
 */
export function useTrail(place: Place, network: NetworkMap, fromCentre: boolean): Step[] {
  const { t, i18n } = useTranslation('dashboard');
  const centre = place.centre ? centreOf(network, place.centre) : null;
  const region = place.region ?? centre?.region;
  const steps: Step[] = [];
  if (!fromCentre) {
    steps.push({ label: t('place.network'), place: {} });
    if (region) steps.push({ label: t('place.region', { name: region }), place: { region } });
  }
  if (place.centre) {
    const name = centre?.name ?? place.centre;
    steps.push({
      label: t(centre?.kind === 'bus' ? 'place.bus' : 'place.centre', { name }),
      place: { region, centre: place.centre },
    });
  }
  if (place.centre && place.service)
    steps.push({
      label: serviceName(network, place.service, i18n.language as Language),
      place: { region, centre: place.centre, service: place.service },
    });
  if (place.centre && place.service && place.desk)
    steps.push({
      label: t('place.desk', { name: place.desk }),
      place: { region, centre: place.centre, service: place.service, desk: place.desk },
    });
  return steps;
}

/** The trail as links; the last step is where the reader is, unless `current` names a page below it. */
export function Breadcrumb({
  steps,
  href,
  current,
}: {
  steps: Step[];
  href: (place: Place) => string;
  current?: string;
}) {
  const { t } = useTranslation('dashboard');
  // The whole network alone is the page's heading already.
  if (steps.length <= 1 && current === undefined) return null;
  return (
    <nav className="breadcrumb" aria-label={t('place.breadcrumb')}>
      <ol>
        {steps.map((step, index) =>
          index === steps.length - 1 && current === undefined ? (
            <li key={index} aria-current="page">
              {step.label}
            </li>
          ) : (
            <li key={index}>
              <a href={href(step.place)}>{step.label}</a>
            </li>
          ),
        )}
        {current === undefined ? null : <li aria-current="page">{current}</li>}
      </ol>
    </nav>
  );
}
