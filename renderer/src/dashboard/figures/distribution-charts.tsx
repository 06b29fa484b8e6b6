import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../../../../main/contract/monitoring';
import { AXIS_LABEL, Chart, CHART_TEXT } from './chart';
import type { Formats } from './format';

/*
 * The distributions the figures carry: the five faces' counts, and the visits within and over
 * their standards (the API keeps no minute-by-minute distribution, so within / over is what is
 * drawn). Each chart is followed by its table.
 */

const SCORES = [1, 2, 3, 4, 5] as const;
const WITHIN = '#0a4a7a';
const OVER = '#b34700';

export function FacesChart({ figures, formats }: { figures: Figures; formats: Formats }) {
  const { t } = useTranslation('dashboard');
  const { faces, rated } = figures.satisfaction;
  const labels = SCORES.map((score) => t('charts.score', { score }));
  const option = useMemo(
    () => ({
      grid: { left: 16, right: 24, top: 24, bottom: 16, containLabel: true },
      tooltip: { trigger: 'axis', textStyle: CHART_TEXT },
      xAxis: { type: 'category', data: labels, axisLabel: AXIS_LABEL },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { ...AXIS_LABEL, formatter: (value: number) => formats.count(value) },
      },
      series: [
        {
          type: 'bar',
          name: t('charts.ratings'),
          data: [...faces],
          label: {
            show: true,
            position: 'top',
            ...CHART_TEXT,
            formatter: (p: { value: number }) => formats.count(p.value),
          },
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [faces, formats],
  );
  const list = SCORES.map((score, index) => `${labels[index]}: ${formats.count(faces[index]!)}`).join('; ');
  return (
    <Chart
      testId="chart-faces"
      title={t('figures.faces.title')}
      description={t('charts.facesDescription', { list })}
      option={option}
      height={280}
      table={
        <table className="numbers stack">
          <thead>
            <tr>
              <th scope="col">{t('visits.score')}</th>
              <th scope="col">{t('charts.ratings')}</th>
              <th scope="col">%</th>
            </tr>
          </thead>
          <tbody>
            {SCORES.map((score, index) => (
              <tr key={score}>
                <th scope="row">{labels[index]}</th>
                <td data-label={t('charts.ratings')}>{formats.count(faces[index]!)}</td>
                <td data-label="%">{rated > 0 ? formats.share(faces[index]! / rated) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
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
