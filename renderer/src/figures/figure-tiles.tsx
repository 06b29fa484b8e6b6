import { useTranslation } from 'react-i18next';
import type { DayFigures } from '../../../main/contract';
import { Face } from '../screens/face';
import { SCORES } from '../scores';
import { useFigureFormat } from './figure-format';

/** The day's totals as large tiles, read at a glance from across the desk. */
export function FigureTiles({ totals }: { totals: DayFigures }) {
  const { t } = useTranslation('figures');
  const format = useFigureFormat();
  const tiles = [
    ['tickets', format.count(totals.tickets)],
    ['served', format.count(totals.served)],
    ['noShows', format.count(totals.noShows)],
    ['open', format.count(totals.open)],
    // Tickets whose print was interrupted: their visitors may hold no paper, so expect no-shows.
    ['printNotConfirmed', format.count(totals.printNotConfirmed)],
    ['averageWait', format.minutes(totals.averageWaitMinutes)],
    ['averageService', format.minutes(totals.averageServiceMinutes)],
    ['withinStandard', format.percent(totals.withinStandardShare)],
  ] as const;
  return (
    <section className="figures__tiles">
      {tiles.map(([key, value]) => (
        <div className="figures__tile" key={key} data-testid={`figure-${key}`}>
          <span className="figures__tile-label">{t(`tile.${key}`)}</span>
          <span className="figures__tile-value" data-testid={`figure-${key}-value`}>
            {value}
          </span>
        </div>
      ))}
      {/* The average never stands without its response rate: a score from few of those asked misleads. */}
      <div className="figures__tile" data-testid="figure-satisfaction">
        <span className="figures__tile-label">{t('tile.satisfaction')}</span>
        <span className="figures__tile-value" data-testid="figure-satisfaction-value">
          {format.score(totals.ratings.average)}
        </span>
        <span className="figures__tile-beside" data-testid="figure-responseRate">
          {t('tile.responseRate')}:{' '}
          <strong data-testid="figure-responseRate-value">{format.percent(totals.ratings.responseRate)}</strong>
        </span>
      </div>
      <div className="figures__tile figures__tile--wide" data-testid="figure-scores">
        <span className="figures__tile-label">
          {t('ratingsCount', { count: totals.ratings.count })}
          {' · '}
          <span data-testid="figure-rated-of-offered">
            {t('ratedOfOffered', {
              rated: format.count(totals.ratings.count),
              offered: format.count(totals.ratings.offered),
              ended: format.count(totals.served),
            })}
          </span>
        </span>
        <ul className="figures__faces">
          {SCORES.map((score) => (
            <li key={score} className="figures__face" data-testid={`figure-score-${score}`}>
              <Face score={score} />
              <span className="figures__face-count">{format.count(totals.ratings.distribution[score - 1] ?? 0)}</span>
              <span className="figures__face-label">{t(`score.${score}`)}</span>
            </li>
          ))}
        </ul>
        <p className="figures__definition" data-testid="figure-response-rate-definition">
          {t('responseRateDefinition')}
        </p>
      </div>
    </section>
  );
}
