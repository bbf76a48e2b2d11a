// The only module that imports ECharts at run time. It is loaded on demand by <EChart>, so ECharts never lands in
// the entry bundle; register here exactly the charts and components the app draws.
import { init, use } from 'echarts/core';
import { HeatmapChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, RadarChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export { init };
