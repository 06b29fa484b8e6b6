import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { init, use as install, type EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/*
 * Apache ECharts with only what the dashboards draw: lines over time, bars of distributions and the
 * hours × weekdays heat map, drawn as SVG (sharp on a wall screen, its text selectable, and no
 * inline style sheet the page's CSP would refuse). Loaded on demand by chart.tsx, so the sign-in
 * page never downloads it.
 */
install([
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  AriaComponent,
  SVGRenderer,
]);

// Named, not a namespace object: a namespace would pull the bundler's export helper into the
// chunk every entry shares, growing the kiosk's bundle.
export { init };
export type ChartOption = EChartsCoreOption;
