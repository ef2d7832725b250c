// ECharts with only the parts the rankings page draws (bars, lines, grid, tooltip, legend, canvas). Loaded on
// demand by RankingsPage so the portal's main bundle does not carry the chart library.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { echarts };
