import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../main/contract';
import { VisitFilter, type NetworkMap, type VisitRow } from '../../../../main/contract/monitoring';
import type { Place } from '../dashboard-route';
import { Breadcrumb, type Step } from './breadcrumb';
import type { Formats } from './format';
import { readVisits, scopeQuery } from './monitoring-api';
import type { Period } from './periods';
import { serviceName } from './place-names';
import { ReadProblem } from './read-problem';
import { useRead } from './use-read';

/** A visit's minutes against the standard the list is about: waiting for the waiting filter, else service. */
export function againstStandard(visit: VisitRow, filter: VisitFilter) {
  const waiting = filter === 'waiting-over-standard';
  const minutes = waiting ? visit.waitingMinutes : visit.serviceMinutes;
  const standard = waiting ? visit.waitingStandardMinutes : visit.serviceStandardMinutes;
  // Within means below the standard, so a time of exactly the standard is over it, by 0.
  return { standard, over: minutes !== null && minutes >= standard ? minutes - standard : null };
}

/**
 * The visits behind a figure (api/visits): one centre's, or one desk's, over a standard, longest over
 * first, a page at a time. Times and scores only: no person exists in the data to show.
 */
export function VisitsPage({
  place,
  period,
  filter,
  offset,
  trail,
  network,
  formats,
  links,
}: {
  place: Place;
  period: Period;
  filter: VisitFilter;
  offset: number;
  trail: Step[];
  network: NetworkMap;
  formats: Formats;
  links: {
    figures: (place: Place) => string;
    visits: (filter: VisitFilter, offset: number) => string;
    home: string;
  };
}) {
  const { t, i18n } = useTranslation('dashboard');
  const query = scopeQuery(place, period);
  query.set('filter', filter);
  query.set('offset', String(offset));
  const visits = useRead(place.centre ? query.toString() : '', (signal) =>
    place.centre
      ? readVisits(place, period, filter, offset, signal)
      : Promise.resolve({ ok: false, status: 0, code: 'none', message: '' } as const),
  );
  // On the centre's wall clock, as its staff and visitors saw it, wherever the reader is.
  const time = (visit: VisitRow) =>
    new Intl.DateTimeFormat(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: visit.timeZone,
    }).format(new Date(visit.issuedAt));
  const minutes = (value: number | null) => (value === null ? '—' : formats.count(value));

  return (
    <div className="visits-page" data-testid="visits-page">
      <Breadcrumb steps={trail} href={links.figures} current={t('visits.heading')} />
      <h1>{t(`visits.${filter}`)}</h1>
      <p>{t('visits.caption', { range: formats.range(period) })}</p>
      <div className="visit-filters" role="group" aria-label={t('visits.filter')}>
        {VisitFilter.options.map((option) => (
          <a
            key={option}
            className="toggle"
            href={links.visits(option, 0)}
            aria-current={option === filter ? 'page' : undefined}
          >
            {t(`visits.${option}`)}
          </a>
        ))}
      </div>
      {!place.centre ? (
        <p className="read-problem">{t('visits.needsCentre')}</p>
      ) : visits === 'loading' ? (
        <p role="status">{t('figures.loading')}</p>
      ) : !visits.ok ? (
        <ReadProblem problem={visits} homeHref={links.home} />
      ) : visits.data.visits.length === 0 ? (
        <p data-testid="visits-none">{t('visits.none')}</p>
      ) : (
        <>
          <p data-testid="visits-count">
            {t('visits.count', {
              from: formats.count(visits.data.offset + 1),
              to: formats.count(visits.data.offset + visits.data.visits.length),
              total: formats.count(visits.data.total),
            })}
          </p>
          <div className="table-scroll">
            <table className="numbers stack visits-table" data-testid="visits">
              <thead>
                <tr>
                  <th scope="col">{t('visits.day')}</th>
                  <th scope="col">{t('visits.issued')}</th>
                  <th scope="col">{t('visits.ticket')}</th>
                  <th scope="col">{t('visits.service')}</th>
                  <th scope="col">{t('visits.desk')}</th>
                  <th scope="col">{t('visits.waiting')}</th>
                  <th scope="col">{t('visits.serviceTime')}</th>
                  <th scope="col">{t('visits.standard')}</th>
                  <th scope="col">{t('visits.over')}</th>
                  <th scope="col">{t('visits.score')}</th>
                </tr>
              </thead>
              <tbody>
                {visits.data.visits.map((visit) => {
                  const { standard, over } = againstStandard(visit, filter);
                  return (
                    <tr key={visit.ref}>
                      <th scope="row" data-label={t('visits.day')}>
                        {formats.day(visit.localDay)}
                      </th>
                      <td data-label={t('visits.issued')} data-column="issued">
                        {time(visit)}
                      </td>
                      <td data-label={t('visits.ticket')}>{visit.number ?? '—'}</td>
                      <td data-label={t('visits.service')}>
                        {serviceName(network, visit.serviceId, i18n.language as Language)}
                      </td>
                      <td data-label={t('visits.desk')}>{visit.deskId ?? '—'}</td>
                      <td data-label={t('visits.waiting')} data-column="waiting">
                        {minutes(visit.waitingMinutes)}
                      </td>
                      <td data-label={t('visits.serviceTime')} data-column="service">
                        {minutes(visit.serviceMinutes)}
                      </td>
                      <td data-label={t('visits.standard')}>{formats.count(standard)}</td>
                      <td data-label={t('visits.over')} data-column="over">
                        {minutes(over)}
                      </td>
                      <td data-label={t('visits.score')}>{visit.score ?? t('visits.noScore')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="pages">
            {visits.data.offset > 0 ? (
              <a className="button-link" href={links.visits(filter, Math.max(0, offset - visits.data.limit))}>
                <span aria-hidden="true">← </span>
                {t('visits.earlier')}
              </a>
            ) : null}
            {visits.data.offset + visits.data.visits.length < visits.data.total ? (
              <a className="button-link" href={links.visits(filter, offset + visits.data.limit)}>
                {t('visits.later')}
                <span aria-hidden="true"> →</span>
              </a>
            ) : null}
          </div>
        </>
      )}
      <p>
        <a href={links.figures(place)}>{t('visits.back')}</a>
      </p>
    </div>
  );
}
