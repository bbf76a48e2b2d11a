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
    chart?.setOption(option, { notMerge: true });
  }, [chart, option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} className={`${styles.chart} ${chart === null ? styles.placeholder : ''}`} style={{ height }} />;
}
