import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TIME_BANDS, type Figures } from '../../../../main/contract/monitoring';
import { AXIS_LABEL, Chart, CHART_TEXT } from './chart';
import type { Formats } from './format';

/*
 * The distributions the figures carry: the five faces' counts, the visits within and over their
 * standards, and each time's visits by bands of whole minutes (TIME_BANDS). Each chart is followed
 * by its table.
 */

const SCORES = [1, 2, 3, 4, 5] as const;
const WITHIN = '#0a4a7a';
const OVER = '#b34700';

/**
 * Counts per category as bars, each labelled with its count, and the table of count and share:
 * the faces (across, five fit) and a time's bands of minutes (down the side, so their names fit
 * beside the bars on a phone as on a wall screen).
 */
function CountsChart({
  testId,
  title,
  description,
  labels,
  counts,
  total,
  headers,
  across,
  formats,
}: {
  testId: string;
  title: string;
  description: string;
  labels: string[];
  counts: readonly number[];
  total: number;
  headers: { label: string; count: string };
  across: boolean;
  formats: Formats;
}) {
  const option = useMemo(() => {
    const categories = { type: 'category', data: labels, axisLabel: { ...AXIS_LABEL, interval: 0 } };
    // Each bar is labelled with its count, so the value axis needs no numbers (they crowd on a phone).
    const values = { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { show: false } };
    return {
      grid: { left: 16, right: 48, top: across ? 32 : 8, bottom: 16, containLabel: true },
      tooltip: { trigger: 'axis', textStyle: CHART_TEXT },
      xAxis: across ? categories : values,
      yAxis: across ? values : { ...categories, inverse: true },
      series: [
        {
          type: 'bar',
          name: headers.count,
          itemStyle: { color: WITHIN },
          data: [...counts],
          label: {
            show: true,
            position: across ? 'top' : 'right',
            ...CHART_TEXT,
            formatter: (p: { value: number }) => formats.count(p.value),
          },
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [counts, formats, across]);
  return (
    <Chart
      testId={testId}
      title={title}
      description={description}
      option={option}
      height={across ? 280 : 320}
      table={
        <table className="numbers stack">
          <thead>
            <tr>
              <th scope="col">{headers.label}</th>
              <th scope="col">{headers.count}</th>
              <th scope="col">%</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((label, index) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td data-label={headers.count} data-column="count">
                  {formats.count(counts[index]!)}
                </td>
                <td data-label="%">{total > 0 ? formats.share(counts[index]! / total) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** "label: count; …", a chart's counts in its text description. */
const countsList = (labels: string[], counts: readonly number[], formats: Formats) =>
  labels.map((label, index) => `${label}: ${formats.count(counts[index]!)}`).join('; ');

export function FacesChart({ figures, formats }: { figures: Figures; formats: Formats }) {
  const { t } = useTranslation('dashboard');
  const { faces, rated } = figures.satisfaction;
  const labels = SCORES.map((score) => t('charts.score', { score }));
  return (
    <CountsChart
      testId="chart-faces"
      title={t('figures.faces.title')}
      description={t('charts.facesDescription', { list: countsList(labels, faces, formats) })}
      labels={labels}
      counts={faces}
      total={rated}
      headers={{ label: t('visits.score'), count: t('charts.ratings') }}
      across
      formats={formats}
    />
  );
}

export function StandardsChart({ figures, formats }: { figures: Figures; formats: Formats }) {
  const { t } = useTranslation('dashboard');
  const rows = [
    { name: t('figures.sections.waiting'), time: figures.waiting },
    { name: t('figures.sections.service'), time: figures.service },
  ];
  const option = useMemo(
    () => ({
      grid: { left: 16, right: 24, top: 48, bottom: 16, containLabel: true },
      legend: { top: 0, textStyle: CHART_TEXT },
      tooltip: { trigger: 'axis', textStyle: CHART_TEXT },
      yAxis: { type: 'category', data: rows.map((row) => row.name), inverse: true, axisLabel: AXIS_LABEL },
      xAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { ...AXIS_LABEL, formatter: (value: number) => formats.count(value) },
      },
      series: [
        { name: t('charts.within'), key: 'withinStandard', colour: WITHIN },
        { name: t('charts.over'), key: 'overStandard', colour: OVER },
      ].map(({ name, key, colour }) => ({
        type: 'bar',
        stack: 'visits',
        name,
        itemStyle: { color: colour },
        barWidth: 40,
        data: rows.map((row) => row.time[key as 'withinStandard' | 'overStandard']),
      })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [figures, formats],
  );
  return (
    <Chart
      testId="chart-standards"
      title={t('charts.standardsTitle')}
      description={t('charts.standardsDescription', {
        waitingWithin: formats.count(figures.waiting.withinStandard),
        waitingOver: formats.count(figures.waiting.overStandard),
        serviceWithin: formats.count(figures.service.withinStandard),
        serviceOver: formats.count(figures.service.overStandard),
      })}
      option={option}
      height={240}
      table={
        <table className="numbers stack">
          <thead>
            <tr>
              <th scope="col">{t('charts.visits')}</th>
              <th scope="col">{t('charts.within')}</th>
              <th scope="col">{t('charts.over')}</th>
              <th scope="col">%</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ name, time }) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td data-label={t('charts.within')}>{formats.count(time.withinStandard)}</td>
                <td data-label={t('charts.over')}>{formats.count(time.overStandard)}</td>
                <td data-label="%">{time.withinShare === null ? '—' : formats.share(time.withinShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** One time's visits by bands of whole minutes (a band named "10–14 min", the last "60+ min"). */
export function TimeBandsChart({
  figures,
  time,
  formats,
}: {
  figures: Figures;
  time: 'waiting' | 'service';
  formats: Formats;
}) {
  const { t } = useTranslation('dashboard');
  const { bands, measured } = figures[time];
  const labels = TIME_BANDS.map((first, index) => {
    const next = TIME_BANDS[index + 1];
    return next === undefined
      ? t('charts.bandFrom', { from: formats.count(first) })
      : t('charts.band', { from: formats.count(first), to: formats.count(next - 1) });
  });
  return (
    <CountsChart
      testId={`chart-bands-${time}`}
      title={t(time === 'waiting' ? 'charts.waitingBandsTitle' : 'charts.serviceBandsTitle')}
      description={t('charts.bandsDescription', { list: countsList(labels, bands, formats) })}
      labels={labels}
      counts={bands}
      total={measured}
      headers={{ label: t('charts.minutes'), count: t('charts.visits') }}
      across={false}
      formats={formats}
    />
  );
}
