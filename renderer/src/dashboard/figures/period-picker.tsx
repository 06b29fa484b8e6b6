import { useTranslation } from 'react-i18next';
import type { DayRange } from '../../../../main/contract/monitoring';
import type { Formats } from './format';
import { daysIn, isDay, isLatest, PERIOD_KINDS, periodHolding, stepPeriod, type Period } from './periods';

/**
 * The period: a day, week or month (buttons, with earlier / later), or any range of days; then the
 * period shown and the previous one it is compared with, both named in words.
 */
export function PeriodPicker({
  period,
  previous,
  today,
  formats,
  onPick,
}: {
  period: Period;
  /** The previous period as the server answered it; null until the figures come. */
  previous: DayRange | null;
  today: string;
  formats: Formats;
  onPick: (period: Period) => void;
}) {
  const { t } = useTranslation('dashboard');
  const pickDay = (key: 'from' | 'to', value: string) => {
    if (!isDay(value)) return;
    if (period.kind !== 'custom') return onPick(periodHolding(period.kind, value, today));
    const range = { ...period, [key]: value > today ? today : value };
    // A range whose ends cross is turned round rather than refused.
    onPick(range.from <= range.to ? range : { kind: 'custom', from: range.to, to: range.from });
  };
  return (
    <section className="period" aria-label={t('period.legend')}>
      <div className="period-controls">
        <div className="period-kinds" role="group" aria-label={t('period.legend')}>
          {PERIOD_KINDS.map((kind) => (
            <button
              type="button"
              key={kind}
              className="toggle"
              aria-pressed={period.kind === kind}
              onClick={() => onPick(kind === 'custom' ? { ...period, kind } : periodHolding(kind, period.to, today))}
            >
              {t(`period.${kind}`)}
            </button>
          ))}
        </div>
        <div className="period-days">
          <label>
            <span>{period.kind === 'custom' ? t('period.from') : t('period.pickDay')}</span>
            <input
              type="date"
              data-testid="period-from"
              value={period.kind === 'custom' ? period.from : period.to}
              max={today}
              onChange={(event) => pickDay('from', event.target.value)}
            />
          </label>
          {period.kind === 'custom' ? (
            <label>
              <span>{t('period.to')}</span>
              <input
                type="date"
                data-testid="period-to"
                value={period.to}
                max={today}
                onChange={(event) => pickDay('to', event.target.value)}
              />
            </label>
          ) : null}
        </div>
        <div className="period-steps">
          <button type="button" className="secondary" onClick={() => onPick(stepPeriod(period, -1, today))}>
            <span aria-hidden="true">← </span>
            {t('period.earlier')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={isLatest(period, today)}
            onClick={() => onPick(stepPeriod(period, 1, today))}
          >
            {t('period.later')}
            <span aria-hidden="true"> →</span>
          </button>
        </div>
      </div>
      <p className="period-shown" data-testid="period-shown">
        {t('period.shown', { range: formats.range(period), days: formats.count(daysIn(period)) })}
      </p>
      {previous ? (
        <p className="period-compared" data-testid="period-compared">
          {t('period.compared', { range: formats.range(previous) })}
        </p>
      ) : null}
    </section>
  );
}
