import type { ComposeOption } from 'echarts/core';
import type { HeatmapSeriesOption, LineSeriesOption, RadarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, RadarComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';

/** Every option the app may pass to <EChart>; matches what echarts-setup registers. */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | RadarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** Chart text uses the app's font and token colours (ECharts cannot read CSS custom properties). */
export const chartTheme = {
  fontFamily: "'Pretendard Variable', Pretendard, 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif",
  text: '#1e2124',
  subtle: '#464c53',
  grid: '#e6e8ea',
  primary: '#0b50d0',
  secondary: '#8a5c00',
  muted: '#6d7882',
} as const;
