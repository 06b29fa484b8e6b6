import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayReport } from '../../../main/contract';

/** The drawing's own width: a day of few hours gets wide groups rather than a chart squeezed to one side. */
const CHART_WIDTH = 960;
const MAX_BAR_WIDTH = 48;
const GAP = 4;
const PLOT_HEIGHT = 160;
const AXIS_HEIGHT = 28;
const LEFT = 36;

const clock = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * Issued and served per hour as paired bars. Screen readers get the same facts in one sentence
 * (role="img" labelled by the summary written under it); the exact counts are also in each bar's title.
 */
export function HourlyChart({ hours }: { hours: DayReport['hours'] }) {
  const { t } = useTranslation('figures');
  const summaryId = useId();
  if (hours.length === 0) {
    return (
      <p className="figures__chart-empty" data-testid="figures-chart-empty">
        {t('chart.empty')}
      </p>
    );
  }
  const peak = hours.reduce((best, hour) => (hour.issued > best.issued ? hour : best), hours[0]!);
  const summary = t('chart.summary', {
    from: clock(hours[0]!.hour),
    to: clock(hours.at(-1)!.hour + 1),
    issued: hours.reduce((sum, hour) => sum + hour.issued, 0),
    served: hours.reduce((sum, hour) => sum + hour.served, 0),
    peak: clock(peak.hour),
    peakIssued: peak.issued,
  });
  const top = Math.max(1, ...hours.map((hour) => Math.max(hour.issued, hour.served)));
  const width = CHART_WIDTH;
  const groupWidth = (CHART_WIDTH - LEFT) / hours.length;
  const barWidth = Math.min(MAX_BAR_WIDTH, (groupWidth - GAP) / 2 - 8);
  const height = PLOT_HEIGHT + AXIS_HEIGHT;
  const barHeight = (count: number) => (count / top) * (PLOT_HEIGHT - 20);
  return (
    <figure className="figures__chart">
      <figcaption>
        {t('chart.title')}
        <span className="figures__legend">
          <span className="figures__swatch figures__swatch--issued" aria-hidden="true" />
          {t('chart.issued')}
          <span className="figures__swatch figures__swatch--served" aria-hidden="true" />
          {t('chart.served')}
        </span>
      </figcaption>
      <svg
        role="img"
        aria-labelledby={summaryId}
        data-testid="figures-chart"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMinYMid meet"
      >
        <text className="figures__axis" x={LEFT - 8} y={20} textAnchor="end">
          {top}
        </text>
        <line className="figures__baseline" x1={LEFT} x2={width} y1={PLOT_HEIGHT} y2={PLOT_HEIGHT} />
        {hours.map((hour, index) => {
          const x = LEFT + index * groupWidth + (groupWidth - 2 * barWidth - GAP) / 2;
          return (
            <g key={hour.hour}>
              <rect
                className="figures__bar figures__bar--issued"
                x={x}
                y={PLOT_HEIGHT - barHeight(hour.issued)}
                width={barWidth}
                height={barHeight(hour.issued)}
              >
                <title>{`${clock(hour.hour)} ${t('chart.issued')}: ${hour.issued}`}</title>
              </rect>
              <rect
                className="figures__bar figures__bar--served"
                x={x + barWidth + GAP}
                y={PLOT_HEIGHT - barHeight(hour.served)}
                width={barWidth}
                height={barHeight(hour.served)}
              >
                <title>{`${clock(hour.hour)} ${t('chart.served')}: ${hour.served}`}</title>
              </rect>
              <text className="figures__axis" x={x + barWidth + GAP / 2} y={PLOT_HEIGHT + 20} textAnchor="middle">
                {clock(hour.hour)}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="figures__chart-summary" id={summaryId} data-testid="figures-chart-summary">
        {summary}
      </p>
    </figure>
  );
}
