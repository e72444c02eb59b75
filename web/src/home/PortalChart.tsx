// One chart of the home page, drawn with ECharts (SVG). Its own chunk: the home page loads it
// only when the charts come into view (WhenVisible), so ECharts never delays the first paint.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../i18n';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export default function PortalChart({ option, label }: { option: EChartsCoreOption; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const { lang } = useI18n();
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'svg', locale: lang === 'zh' ? 'ZH' : 'EN' });
    c.setOption({ aria: { enabled: true }, tooltip: { trigger: 'axis' }, ...option });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
    };
  }, [option, lang]);
  // ECharts writes its own aria-label on the element it draws in: the named box wraps it.
  return (
    <div role="img" aria-label={label}>
      <div ref={box} style={{ width: '100%', height: 260 }} />
    </div>
  );
}
