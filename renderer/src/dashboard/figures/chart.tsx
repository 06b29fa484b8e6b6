import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartOption } from './echarts-setup';

/** The dashboards' chart letters and colours (dashboard.css's --text, --primary …), for ECharts' SVG. */
export const CHART_TEXT = { fontFamily: 'Noto Sans, sans-serif', fontSize: 16, color: '#15202b' };
/** Axis labels as large as the legend's: ECharts' own are 12 px. */
export const AXIS_LABEL = { fontSize: 15, color: '#36434f' };
export const CHART_COLOURS = ['#0a4a7a', '#b34700', '#2f6b2f', '#6a3d9a', '#8a1c12'];

/**
 * One chart: ECharts draws `option` into a box of the given height, its text alternative is the
 * box's accessible name (ECharts' aria option sets role="img" and the label), and the same numbers
 * follow as a table under "Show as a table". The chart redraws when its box is resized.
 */
export function Chart({
  title,
  description,
  option,
  height,
  table,
  testId,
}: {
  title: string;
  /** What the chart shows, in words, for those who cannot see it. */
  description: string;
  option: ChartOption;
  height: number;
  table: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation('dashboard');
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let disposed = false;
    let dispose = () => {};
    void import('./echarts-setup').then(({ init }) => {
      if (disposed) return;
      const chart = init(element, null, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        textStyle: CHART_TEXT,
        color: CHART_COLOURS,
        aria: { enabled: true, label: { description } },
        ...option,
      });
      const resize = new ResizeObserver(() => chart.resize());
      resize.observe(element);
      dispose = () => {
        resize.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [option, description]);

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-box" ref={box} style={{ height }} role="img" aria-label={description} />
      <details className="chart-table">
        <summary>{t('charts.showTable')}</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </figure>
  );
}
