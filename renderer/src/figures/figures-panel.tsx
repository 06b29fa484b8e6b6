import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, Language, LocalizedText } from '../../../main/contract';
import { DayActions } from './day-actions';
import { FigureTiles } from './figure-tiles';
import { FiguresTable } from './figures-table';
import { HourlyChart } from './hourly-chart';
import { useDayReport } from './use-day-report';
import './figures.css';

/**
 * The day's figures for a desk's crew or a technician: totals as tiles, tables per service and
 * per desk, issued and served per hour, the CSV and the printed summary. Mounted by the desk
 * console and the technician panel with the session token each already holds.
 */
export function FiguresPanel({ api, token }: { api: KioskApi; token: string }) {
  const { t, i18n } = useTranslation('figures');
  const { report, error, refresh } = useDayReport(api, token);
  const serviceNames = useServiceNames(api);
  const language = i18n.language as Language;

  return (
    <div className="figures" data-testid="figures-panel">
      <header className="figures__header">
        <h2>
          {t('title')}
          {report && <span className="figures__day">{t('dayOf', { day: report.day })}</span>}
        </h2>
        <button type="button" className="figures__refresh" data-testid="figures-refresh" onClick={refresh}>
          {t('refresh')}
        </button>
      </header>
      {error && (
        <p className="figures__error" role="alert" data-testid="figures-error">
          {t('loadFailed', { message: error })}
        </p>
      )}
      {!report && !error && <p>{t('loading')}</p>}
      {report && (
        <>
          <FigureTiles totals={report.totals} />
          <HourlyChart hours={report.hours} />
          <FiguresTable
            caption={t('byService')}
            nameColumn={t('column.service')}
            testId="figures-by-service"
            rows={report.byService.map(({ serviceId, ...figures }) => ({
              key: serviceId,
              name: serviceNames.get(serviceId)?.[language] ?? serviceId,
              figures,
            }))}
          />
          <FiguresTable
            caption={t('byDesk')}
            nameColumn={t('column.desk')}
            testId="figures-by-desk"
            rows={report.byDesk.map(({ deskId, ...figures }) => ({
              key: deskId,
              name: t('deskName', { desk: deskId }),
              figures,
            }))}
          />
        </>
      )}
      <DayActions api={api} token={token} />
    </div>
  );
}

/** Service names from the catalog; ids stand in until it has loaded (or if it cannot be). */
function useServiceNames(api: KioskApi): ReadonlyMap<string, LocalizedText> {
  const [names, setNames] = useState<ReadonlyMap<string, LocalizedText>>(new Map());
  useEffect(() => {
    let current = true;
    api.getCatalog({}).then(
      (catalog) => current && setNames(new Map(catalog.services.map((service) => [service.id, service.name]))),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return names;
}
