import { useEffect, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';
import type { ChartOption } from './chart-option.js';
import styles from './echart.module.css';

interface EChartProps {
  option: ChartOption;
  /** Read by screen readers in place of the drawing; pair the chart with a table of the same numbers. */
  ariaLabel: string;
  height?: number;
}

interface AxisModel {
  axis?: { scale?: { getExtent?: () => [number, number] } };
}

/**
 * The lowest value of the drawn value axis (the y-axis, or a radar's first axis), as ECharts computed it: written on
 * the chart element as `data-axis-min` so that tests and tools can check where a chart starts without reading pixels.
 */
function renderedAxisMinimum(chart: EChartsType): number | null {
  const model = (chart as unknown as { getModel?: () => { getComponent: (type: string, index?: number) => AxisModel | undefined } }).getModel?.();
  const y = model?.getComponent('yAxis', 0)?.axis?.scale?.getExtent?.();
  if (y !== undefined) return y[0];
  const radar = (
    model?.getComponent('radar', 0) as { coordinateSystem?: { getIndicatorAxes?: () => AxisModel['axis'][] } } | undefined
  )?.coordinateSystem?.getIndicatorAxes?.();
  const first = radar?.[0]?.scale?.getExtent?.();
  return first === undefined ? null : first[0];
}

/** Draws an ECharts chart, loading ECharts itself only when the first chart appears. */
export function EChart({ option, ariaLabel, height = 320 }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);

  useEffect(() => {
    let instance: EChartsType | null = null;
    let observer: ResizeObserver | null = null;
    let cancelled = false;
    void import('./echarts-setup.js').then(({ init }) => {
      const element = ref.current;
      if (cancelled || element === null) return;
      instance = init(element, null, { renderer: 'svg' });
      observer = new ResizeObserver(() => instance?.resize());
      observer.observe(element);
      setChart(instance);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, []);

  useEffect(() => {
    if (chart === null) return;
    chart.setOption(option, { notMerge: true });
    const element = ref.current;
    if (element !== null) {
      const min = renderedAxisMinimum(chart);
      if (min === null) delete element.dataset.axisMin;
      else element.dataset.axisMin = String(min);
    }
  }, [chart, option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} className={`${styles.chart} ${chart === null ? styles.placeholder : ''}`} style={{ height }} />;
}
