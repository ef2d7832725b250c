// ECharts with only what the category chart draws (stacked bars, grid, tooltip, legend, canvas), loaded on demand
// so the portal's main bundle does not carry the chart library.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { echarts };
