import { useTranslation } from 'react-i18next';
import { OPEN_DATA, readCentres, readOpenDataIndex } from './public-api';
import { useRead } from './use-read';

/** /public/: every centre, each a link to its page, and the open data's months to download. */
export function CentreList() {
  const { t, i18n } = useTranslation('public');
  const centres = useRead(readCentres, 'centres');
  const openData = useRead(readOpenDataIndex, 'open-data');
  const lng = `?lng=${i18n.language}`;

  return (
    <>
      <h1>{t('list.heading')}</h1>
      <p className="intro">{t('list.intro')}</p>
      {centres === null ? (
        <p role="status">{t('centre.loading')}</p>
      ) : centres.kind !== 'ok' ? (
        <p className="problem" role="alert">
          {t('centre.failed')}
        </p>
      ) : centres.value.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <ul className="centre-list" data-testid="centre-list">
          {centres.value.map((centre) => (
            <li key={centre.centreId}>
              <a href={`./${encodeURIComponent(centre.centreId)}${lng}`}>{centre.name ?? centre.centreId}</a>
            </li>
          ))}
        </ul>
      )}
      <section className="open-data" aria-labelledby="open-data-heading">
        <h2 id="open-data-heading">{t('about.openData')}</h2>
        <p>{t('list.openData')}</p>
        {openData?.kind === 'ok' && (
          <ul className="month-list">
            {openData.value.months.map((month) => (
              <li key={month.month}>
                <span className="month">{month.month}</span>
                <a href={`${OPEN_DATA}${month.csv}`} download>
                  CSV
                </a>
                <a href={`${OPEN_DATA}${month.json}`} download>
                  JSON
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
