import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../main/contract';
import type { BreakdownAnswer, ChildFigures, MonitoringLevel, NetworkMap } from '../../../../main/contract/monitoring';
import type { Place } from '../dashboard-route';
import type { FigureKey } from './figure-list';
import type { Formats } from './format';
import { centreName, serviceName } from './place-names';

const HEADINGS = {
  region: 'breakdown.regions',
  centre: 'breakdown.centres',
  service: 'breakdown.services',
  desk: 'breakdown.desks',
} as const;

/** The place one level down that a breakdown row is. */
export function childPlace(place: Place, level: MonitoringLevel, key: string): Place {
  switch (level) {
    case 'region':
      return { region: key };
    case 'centre':
      return { region: place.region, centre: key };
    case 'service':
      return { region: place.region, centre: place.centre, service: key };
    default:
      return { ...place, desk: key };
  }
}

/**
 * The place's children one level down (api/breakdown), busiest first, each with its main figures;
 * a row's name opens it (the whole row answers a click too). A desk's row also leads to its visits
 * over the service standard.
 */
export function BreakdownTable({
  answer,
  place,
  network,
  formats,
  figuresHref,
  visitsHref,
}: {
  answer: BreakdownAnswer;
  place: Place;
  network: NetworkMap;
  formats: Formats;
  figuresHref: (place: Place) => string;
  visitsHref: (place: Place) => string;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const level = answer.childLevel;
  const what = t(level === 'network' ? 'breakdown.regions' : HEADINGS[level]);
  const name = (key: string) => {
    if (level === 'centre') return centreName(network, key);
    if (level === 'service') return serviceName(network, key, i18n.language as Language);
    if (level === 'desk') return t('place.desk', { name: key });
    return key;
  };
  const share = (value: number | null) => (value === null ? '—' : formats.share(value));
  const minutes = (value: number | null) => (value === null ? '—' : formats.minutes(value));
  const rows = [...answer.rows].sort((a, b) => b.current.tickets - a.current.tickets || a.key.localeCompare(b.key));
  const columns: { key: FigureKey; cell: (figures: ChildFigures) => string }[] = [
    { key: 'tickets', cell: (f) => formats.count(f.tickets) },
    { key: 'served', cell: (f) => formats.count(f.served) },
    { key: 'waitingMedian', cell: (f) => minutes(f.waiting.medianMinutes) },
    { key: 'waitingWithin', cell: (f) => share(f.waiting.withinShare) },
    { key: 'serviceWithin', cell: (f) => share(f.service.withinShare) },
    {
      key: 'satisfactionAverage',
      cell: (f) => (f.satisfaction.average === null ? '—' : formats.score(f.satisfaction.average)),
    },
  ];

  return (
    <section className="breakdown" aria-labelledby="breakdown-heading">
      <h2 id="breakdown-heading">{what}</h2>
      {rows.length === 0 ? (
        <p>{t('breakdown.none')}</p>
      ) : (
        <div className="table-scroll">
          <table
            className="numbers stack breakdown-table"
            data-testid="breakdown"
            aria-label={t('breakdown.caption', { what })}
          >
            <thead>
              <tr>
                <th scope="col">{t('breakdown.name')}</th>
                {columns.map((column) => (
                  <th scope="col" key={column.key}>
                    {t(`figures.${column.key}.title`)}
                  </th>
                ))}
                {level === 'desk' ? <th scope="col">{t('visits.heading')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const href = figuresHref(childPlace(place, level, row.key));
                return (
                  <tr
                    key={row.key}
                    className="drill"
                    data-key={row.key}
                    onClick={(event) => {
                      if (!(event.target instanceof HTMLAnchorElement)) window.location.hash = href;
                    }}
                  >
                    <th scope="row">
                      <a href={href}>{name(row.key)}</a>
                    </th>
                    {columns.map((column) => (
                      <td key={column.key} data-column={column.key} data-label={t(`figures.${column.key}.title`)}>
                        {column.cell(row.current)}
                      </td>
                    ))}
                    {level === 'desk' ? (
                      <td data-label={t('visits.heading')}>
                        <a href={visitsHref(childPlace(place, level, row.key))}>{t('breakdown.openDeskVisits')}</a>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
