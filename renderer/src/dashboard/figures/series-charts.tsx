import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesAnswer, SeriesPoint } from '../../../../main/contract/monitoring';
import { AXIS_LABEL, Chart, CHART_TEXT } from './chart';
import type { Formats } from './format';

/**
 * The period over time (api/series): tickets, visits served and no-shows per day (or month), and
 * the shares within the waiting and service standards, with one table of every point's numbers.
 */
export function SeriesCharts({ series, formats }: { series: SeriesAnswer; formats: Formats }) {
  const { t } = useTranslation('dashboard');
  const { points, grain } = series;
  const label = (period: string) => (grain === 'month' ? formats.month(period) : formats.shortDay(period));
  const grainWord = t(`charts.${grain}`);
  const names = {
    tickets: t('figures.tickets.title'),
    served: t('figures.served.title'),
    noShows: t('figures.noShows.title'),
    waiting: t('figures.waitingWithin.title'),
    service: t('figures.serviceWithin.title'),
  };

  const volume = useMemo(() => {
    const axis = axes(points.map((point) => label(point.period)));
    return {
      ...axis,
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { ...AXIS_LABEL, formatter: (value: number) => formats.count(value) },
      },
      series: (['tickets', 'served', 'noShows'] as const).map((key) => ({
        type: 'line',
        name: names[key],
        data: points.map((point) => point[key]),
        symbolSize: 8,
      })),
    };
    // The labels and names follow the language, which `formats` stands for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [points, formats, grain]);

  const shares = useMemo(() => {
    const axis = axes(points.map((point) => label(point.period)));
    return {
      ...axis,
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: { ...AXIS_LABEL, formatter: (value: number) => formats.share(value) },
      },
      series: (['waitingWithinShare', 'serviceWithinShare'] as const).map((key) => ({
        type: 'line',
        name: key === 'waitingWithinShare' ? names.waiting : names.service,
        data: points.map((point) => point[key]),
        connectNulls: false,
        symbolSize: 8,
      })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [points, formats, grain]);

  const busiest = points.reduce<SeriesPoint | null>(
    (best, point) => (!best || point.tickets > best.tickets ? point : best),
    null,
  );
  const span = { grain: grainWord, from: formats.day(series.range.from), to: formats.day(series.range.to) };
  const table = <SeriesTable points={points} formats={formats} label={label} names={names} />;

  return (
    <div className="chart-pair">
      <Chart
        testId="chart-volume"
        title={t('charts.volumeTitle', { grain: grainWord })}
        description={t('charts.volumeDescription', {
          ...span,
          max: formats.count(busiest?.tickets ?? 0),
          maxPeriod: busiest ? label(busiest.period) : '—',
        })}
        option={volume}
        height={320}
        table={table}
      />
      <Chart
        testId="chart-shares"
        title={t('charts.shareTitle', { grain: grainWord })}
        description={t('charts.shareDescription', span)}
        option={shares}
        height={320}
        table={table}
      />
    </div>
  );
}

/** A category axis of periods, a legend above and a tooltip for pointer users. */
function axes(labels: string[]) {
  return {
    grid: { left: 16, right: 24, top: 56, bottom: 16, containLabel: true },
    legend: { top: 0, textStyle: CHART_TEXT },
    tooltip: { trigger: 'axis', textStyle: CHART_TEXT },
    xAxis: { type: 'category', data: labels, axisLabel: { ...AXIS_LABEL, hideOverlap: true } },
  };
}

function SeriesTable({
  points,
  formats,
  label,
  names,
}: {
  points: SeriesPoint[];
  formats: Formats;
  label: (period: string) => string;
  names: Record<'tickets' | 'served' | 'noShows' | 'waiting' | 'service', string>;
}) {
  const { t } = useTranslation('dashboard');
  const share = (value: number | null) => (value === null ? '—' : formats.share(value));
  return (
    <table className="numbers stack">
      <thead>
        <tr>
          <th scope="col">{t('charts.period')}</th>
          <th scope="col">{names.tickets}</th>
          <th scope="col">{names.served}</th>
          <th scope="col">{names.noShows}</th>
          <th scope="col">{names.waiting}</th>
          <th scope="col">{names.service}</th>
          <th scope="col">{t('figures.satisfactionAverage.title')}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((point) => (
          <tr key={point.period}>
            <th scope="row">{label(point.period)}</th>
            <td data-label={names.tickets}>{formats.count(point.tickets)}</td>
            <td data-label={names.served}>{formats.count(point.served)}</td>
            <td data-label={names.noShows}>{formats.count(point.noShows)}</td>
            <td data-label={names.waiting}>{share(point.waitingWithinShare)}</td>
            <td data-label={names.service}>{share(point.serviceWithinShare)}</td>
            <td data-label={t('figures.satisfactionAverage.title')}>
              {point.satisfactionAverage === null ? '—' : formats.score(point.satisfactionAverage)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
