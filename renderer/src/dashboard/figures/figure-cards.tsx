import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_REASONS } from '../../../../main/contract';
import type { Comparison } from '../../../../main/contract/monitoring';
import { changeOf, formatValue, type FigureSpec } from './figure-list';
import type { Formats } from './format';

/**
 * One figure: its name, this period's value, how it moved since the previous period (and that
 * period's value), and how it is counted, written out. `children` adds a way on (to the visits).
 */
export function FigureCard({
  spec,
  comparison,
  formats,
  children,
}: {
  spec: FigureSpec;
  comparison: Comparison;
  formats: Formats;
  children?: ReactNode;
}) {
  const { t } = useTranslation('dashboard');
  const current = spec.value(comparison.current);
  const previous = spec.value(comparison.previous);
  const shown = formatValue(spec.kind, current, formats);
  const before = formatValue(spec.kind, previous, formats) ?? t('figures.noValue');
  const change = changeOf(spec.kind, current, previous, formats);
  return (
    <article className="figure-card" data-testid={`figure-${spec.key}`}>
      <h3>{t(`figures.${spec.key}.title`)}</h3>
      <p className={shown === null ? 'figure-value none' : 'figure-value'} data-testid="figure-value">
        {shown ?? t('figures.noValue')}
      </p>
      <p className="figure-change">
        {change && change.direction !== 'same' ? (
          <>
            <span aria-hidden="true">{change.direction === 'up' ? '▲ ' : '▼ '}</span>
            {t(`figures.${change.direction}`, {
              change: change.points ? t('figures.points', { value: change.text }) : change.text,
            })}
            {' · '}
          </>
        ) : change ? (
          <>
            {t('figures.same')}
            {' · '}
          </>
        ) : null}
        {t('figures.previous', { value: before })}
      </p>
      <p className="figure-definition">
        {t(`figures.${spec.key}.definition`, spec.quotes?.(comparison.current, formats) ?? {})}
      </p>
      {children}
    </article>
  );
}

/** The low-score reasons: how many ratings named each, now and in the previous period. */
export function ReasonsCard({ comparison, formats }: { comparison: Comparison; formats: Formats }) {
  const { t } = useTranslation('dashboard');
  const now = comparison.current.satisfaction.reasons;
  const before = comparison.previous.satisfaction.reasons;
  return (
    <article className="figure-card wide" data-testid="figure-reasons">
      <h3 id="reasons-heading">{t('figures.reasons.title')}</h3>
      <table className="numbers stack" aria-labelledby="reasons-heading">
        <thead>
          <tr>
            <th scope="col">{t('charts.reason')}</th>
            <th scope="col">{t('charts.ratings')}</th>
            <th scope="col">{t('figures.before')}</th>
          </tr>
        </thead>
        <tbody>
          {RATING_REASONS.map((reason) => (
            <tr key={reason}>
              <th scope="row">{t(`reason.${reason}`)}</th>
              <td data-label={t('charts.ratings')}>{formats.count(now[reason] ?? 0)}</td>
              <td data-label={t('figures.before')}>{formats.count(before[reason] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="figure-definition">{t('figures.reasons.definition')}</p>
    </article>
  );
}
