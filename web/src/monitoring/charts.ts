// ECharts with only what the trend chart draws (lines, grid, tooltip, legend, canvas), loaded on demand so the
// portal's main bundle does not carry the chart library.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { echarts };
