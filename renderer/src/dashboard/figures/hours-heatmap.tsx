import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../../../../main/contract/monitoring';
import { AXIS_LABEL, Chart, CHART_TEXT } from './chart';
import { busiestHour } from './figure-list';
import type { Formats } from './format';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * Tickets per weekday × hour of issue (busiestHours: index (ISO weekday - 1) * 24 + hour), as a heat
 * map; its table lists the hours in which any ticket was issued, one column per weekday.
 */
export function HoursHeatmap({ figures, formats }: { figures: Figures; formats: Formats }) {
  const { t } = useTranslation('dashboard');
  const hours = figures.busiestHours;
  const peak = busiestHour(hours);
  const weekdays = WEEKDAYS.map((weekday) => formats.weekday(weekday));
  const usedHours = HOURS.filter((hour) => WEEKDAYS.some((weekday) => hours[(weekday - 1) * 24 + hour]! > 0));
  // The hours drawn: those with tickets and one either side (the night would be empty cells).
  const first = Math.max(0, (usedHours[0] ?? 8) - 1);
  const last = Math.min(23, (usedHours.at(-1) ?? 18) + 1);
  const drawn = HOURS.slice(first, last + 1);
  const option = useMemo(
    () => ({
      grid: { left: 16, right: 24, top: 16, bottom: 72, containLabel: true },
      tooltip: { textStyle: CHART_TEXT },
      xAxis: { type: 'category', data: drawn.map((hour) => formats.hour(hour)), axisLabel: AXIS_LABEL },
      yAxis: { type: 'category', data: weekdays, inverse: true, axisLabel: AXIS_LABEL },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: Math.max(1, peak?.count ?? 1),
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 240,
        textStyle: CHART_TEXT,
        text: [formats.count(Math.max(1, peak?.count ?? 1)), formats.count(0)],
        inRange: { color: ['#f4f6f8', '#9cc3e0', '#0a4a7a'] },
      },
      series: [
        {
          type: 'heatmap',
          name: t('figures.busiestHours.title'),
          data: drawn.flatMap((hour, column) =>
            WEEKDAYS.map((weekday, row) => [column, row, hours[(weekday - 1) * 24 + hour]!]),
          ),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [hours, formats],
  );
  const when = peak ? `${formats.weekday(peak.weekday)} ${formats.hour(peak.hour)}` : '';
  return (
    <Chart
      testId="chart-hours"
      title={t('charts.hoursTitle')}
      description={
        peak ? t('charts.hoursDescription', { when, tickets: formats.count(peak.count) }) : t('charts.hoursEmpty')
      }
      option={option}
      height={380}
      table={
        <table className="numbers stack">
          <thead>
            <tr>
              <th scope="col">{t('charts.hour')}</th>
              {weekdays.map((weekday) => (
                <th scope="col" key={weekday}>
                  {weekday}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {usedHours.map((hour) => (
              <tr key={hour}>
                <th scope="row">
                  {t('charts.hourRange', { from: formats.hour(hour), to: formats.hour((hour + 1) % 24) })}
                </th>
                {WEEKDAYS.map((weekday) => (
                  <td key={weekday} data-label={formats.weekday(weekday)}>
                    {formats.count(hours[(weekday - 1) * 24 + hour]!)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
