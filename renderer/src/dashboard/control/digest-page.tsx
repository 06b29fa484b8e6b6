import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../main/contract';
import type { DailyDigest, Figures, NetworkMap } from '../../../../main/contract/monitoring';
import { formatsFor } from '../figures/format';
import { readDigest } from './control-api';
import { EventsTable, type Names } from './control-tables';
import { clockTime } from './live-page';
import './control.css';

/** The figures a centre's morning reads, each of this day and of the same weekday a week before. */
const LINES: Array<{
  key: string;
  value: (f: Figures) => number | null;
  kind: 'count' | 'minutes' | 'share' | 'score';
}> = [
  { key: 'tickets', value: (f) => f.tickets, kind: 'count' },
  { key: 'served', value: (f) => f.served, kind: 'count' },
  { key: 'noShows', value: (f) => f.noShows, kind: 'count' },
  { key: 'medianWait', value: (f) => f.waiting.medianMinutes, kind: 'minutes' },
  { key: 'waitingWithin', value: (f) => f.waiting.withinShare, kind: 'share' },
  { key: 'medianService', value: (f) => f.service.medianMinutes, kind: 'minutes' },
  { key: 'serviceWithin', value: (f) => f.service.withinShare, kind: 'share' },
  { key: 'satisfaction', value: (f) => f.satisfaction.average, kind: 'score' },
  { key: 'responseRate', value: (f) => f.satisfaction.responseRate, kind: 'share' },
];

/**
 * A centre's day on one page (issue 13's daily digest): its figures beside the same weekday a week
 * before, its desks by visits over the service standard, and the events per desk and service. It
 * opens on the centre's yesterday (the server's choice) and prints on paper as it shows.
 */
export function DigestPage({ network }: { network: NetworkMap }) {
  const { t, i18n } = useTranslation('control');
  const language = i18n.language as Language;
  const centres = network.regions.flatMap((region) => region.centres);
  const [centreId, setCentreId] = useState<string | null>(centres[0]?.centreId ?? null);
  const [day, setDay] = useState<string | null>(null);
  const [digest, setDigest] = useState<DailyDigest | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (centreId === null) return;
    let stopped = false;
    void readDigest(centreId, day).then((answer) => {
      if (stopped) return;
      if (answer.ok) setDigest(answer.value);
      setFailed(!answer.ok);
    });
    return () => {
      stopped = true;
    };
  }, [centreId, day]);

  const centreName = (id: string) => centres.find((centre) => centre.centreId === id)?.name ?? id;
  const serviceNames = new Map(
    network.services.map((service) => [service.serviceId, service.name?.[language] ?? null]),
  );
  const names: Names = { centre: centreName, service: (id) => serviceNames.get(id) ?? id, oneCentre: true };
  const formats = formatsFor(language);
  const format = (value: number | null, kind: (typeof LINES)[number]['kind']) =>
    value === null ? '—' : kind === 'count' ? formats.count(value) : formats[kind](value);
  const longDay = (value: string) =>
    `${formats.weekday(((new Date(`${value}T12:00:00Z`).getUTCDay() + 6) % 7) + 1)}, ${formats.day(value)}`;

  if (centreId === null) return <p>{t('digest.noCentre')}</p>;
  return (
    <section className="control digest" aria-labelledby="digest-heading" data-testid="digest-view">
      <div className="control-top">
        <h1 id="digest-heading">{t('digest.heading')}</h1>
        <div className="control-choices">
          {centres.length > 1 && (
            <label className="control-choice">
              <span>{t('centre')}</span>
              <select
                value={centreId}
                onChange={(event) => setCentreId(event.target.value)}
                data-testid="digest-centre"
              >
                {centres.map((centre) => (
                  <option key={centre.centreId} value={centre.centreId}>
                    {centreName(centre.centreId)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="control-choice">
            <span>{t('digest.day')}</span>
            <input
              type="date"
              value={day ?? digest?.day ?? ''}
              onChange={(event) => setDay(event.target.value === '' ? null : event.target.value)}
              data-testid="digest-day"
            />
          </label>
          <button type="button" className="control-print" onClick={() => window.print()}>
            {t('digest.print')}
          </button>
        </div>
      </div>
      {failed && <p className="control-problem">{t('digest.failed')}</p>}
      {digest !== null && (
        <>
          <p className="control-updated" data-testid="digest-title">
            {t('digest.of', { centre: centreName(digest.centreId), day: longDay(digest.day) })}
          </p>
          <section className="control-section" aria-labelledby="digest-figures-heading">
            <h2 id="digest-figures-heading">{t('digest.figures')}</h2>
            <div className="control-table-wrap">
              <table className="control-table" data-testid="digest-figures">
                <thead>
                  <tr>
                    <th scope="col">{t('digest.figure')}</th>
                    <th scope="col">{t('digest.thisDay')}</th>
                    <th scope="col">{t('digest.weekBefore')}</th>
                  </tr>
                </thead>
                <tbody>
                  {LINES.map((line) => (
                    <tr key={line.key} data-line={line.key}>
                      <th scope="row">{t(`digest.line.${line.key}` as 'digest.line.tickets')}</th>
                      <td>{format(line.value(digest.figures), line.kind)}</td>
                      <td>{format(line.value(digest.weekBefore), line.kind)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="control-section" aria-labelledby="digest-desks-heading" data-testid="digest-desks">
            <h2 id="digest-desks-heading">{t('digest.desks')}</h2>
            {digest.desks.length === 0 ? (
              <p className="control-empty">{t('digest.noDesks')}</p>
            ) : (
              <div className="control-table-wrap">
                <table className="control-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('columns.desk')}</th>
                      <th scope="col">{t('digest.served')}</th>
                      <th scope="col">{t('columns.serviceOver')}</th>
                      <th scope="col">{t('digest.medianService')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {digest.desks.map((desk) => (
                      <tr key={desk.deskId ?? ''} className={desk.overStandard > 0 ? 'control-row--alarm' : undefined}>
                        <td>{desk.deskId ?? t('noDesk')}</td>
                        <td>{formats.count(desk.served)}</td>
                        <td>{formats.count(desk.overStandard)}</td>
                        <td>{format(desk.medianServiceMinutes, 'minutes')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <EventsTable
            events={{ counts: digest.events, latest: [] }}
            names={names}
            time={clockTime}
            heading={t('digest.events')}
          />
        </>
      )}
    </section>
  );
}
