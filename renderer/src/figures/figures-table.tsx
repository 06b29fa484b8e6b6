import { useTranslation } from 'react-i18next';
import type { DayFigures } from '../../../main/contract';
import { useFigureFormat } from './figure-format';

export interface FiguresRow {
  key: string;
  name: string;
  figures: DayFigures;
}

/** One row of figures per service or per desk. */
export function FiguresTable({
  caption,
  nameColumn,
  rows,
  testId,
}: {
  caption: string;
  nameColumn: string;
  rows: FiguresRow[];
  testId: string;
}) {
  const { t } = useTranslation('figures');
  const format = useFigureFormat();
  return (
    <table className="figures__table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameColumn}</th>
          <th scope="col">{t('column.tickets')}</th>
          <th scope="col">{t('column.served')}</th>
          <th scope="col">{t('column.noShows')}</th>
          <th scope="col">{t('column.averageWait')}</th>
          <th scope="col">{t('column.averageService')}</th>
          <th scope="col">{t('column.withinStandard')}</th>
          <th scope="col">{t('column.satisfaction')}</th>
          <th scope="col" className="figures__col-response">
            {t('column.responseRate')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, name, figures }) => (
          <tr key={key} data-testid={`${testId}-${key}`}>
            <th scope="row">{name}</th>
            <td>{format.count(figures.tickets)}</td>
            <td>{format.count(figures.served)}</td>
            <td>{format.count(figures.noShows)}</td>
            <td>{format.minutes(figures.averageWaitMinutes)}</td>
            <td>{format.minutes(figures.averageServiceMinutes)}</td>
            <td>{format.percent(figures.withinStandardShare)}</td>
            <td>{format.score(figures.ratings.average)}</td>
            <td className="figures__col-response">{format.percent(figures.ratings.responseRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
