// One ECharts instance bound to a div: the chart library is loaded on demand, the chart redrawn only when the
// option's data changes, resized with the window and disposed on unmount. `data-rendered` tells browser tests
// that the canvas has been drawn.
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

export function Chart({
  option,
  label,
  testId,
  className = 'chart',
  height = 320,
}: {
  option: EChartsCoreOption;
  label: string;
  testId: string;
  className?: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(option);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-draw only when the option's data changes
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let cancelled = false;
    let dispose = () => {};
    import('./echarts.ts').then(({ echarts }) => {
      if (cancelled) return;
      const chart = echarts.init(el, undefined, { renderer: 'canvas' });
      chart.setOption(option);
      el.dataset.rendered = 'true';
      const onResize = () => chart.resize();
      window.addEventListener('resize', onResize);
      dispose = () => {
        window.removeEventListener('resize', onResize);
        chart.dispose();
      };
    });
    return () => {
      cancelled = true;
      dispose();
    };
  }, [key]);
  return (
    <div
      ref={ref}
      className={className}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: '100%', height }}
    />
  );
}
