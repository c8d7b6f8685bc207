import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the dashboard draws, so the app carries a fraction of ECharts. SVG: it prints
// sharp and works on cheap phones without a GPU.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export interface Series {
  name: string;
  values: (number | null)[];
}

/** A line chart over periods (one line per series), or bars for one period across places. */
export function Chart(props: {
  kind: 'line' | 'bar';
  categories: string[];
  series: Series[];
  label: string;
  unit: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: props.series.length > 1 ? { type: 'scroll', bottom: 0 } : undefined,
      grid: { left: 56, right: 16, top: 16, bottom: props.series.length > 1 ? 48 : 28 },
      xAxis: { type: 'category', data: props.categories, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: props.unit, nameTextStyle: { align: 'left' } },
      series: props.series.map((s) => ({
        name: s.name,
        type: props.kind,
        data: s.values,
        connectNulls: false,
        ...(props.kind === 'line' ? { symbolSize: 6 } : { barMaxWidth: 28 }),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [props.kind, props.categories, props.series, props.unit]);
  return <div ref={ref} className="echart" role="img" aria-label={props.label} />;
}
