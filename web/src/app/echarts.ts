// ECharts with only the parts the app draws (bars, lines, grid, tooltip, legend, mark lines, canvas). Loaded on
// demand by <Chart> so the portal's main bundle does not carry the chart library.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

export { echarts };
