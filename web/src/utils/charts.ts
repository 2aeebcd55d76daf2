/** ECharts with only the parts the console draws (tree-shaken), and its Vue component. */
import { use } from 'echarts/core';
import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([CanvasRenderer, BarChart, GaugeChart, GridComponent, TooltipComponent]);

export { default as VChart } from 'vue-echarts';
