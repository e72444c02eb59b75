// The points of a dataset's first rows on a longitude/latitude grid at true scale (ECharts,
// canvas). Drawn offline: no tiles and no outline are fetched from anywhere. Loaded lazily
// (MapCard) so that ECharts stays in its own chunk.
import { useEffect, useMemo, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../i18n';

echarts.use([ScatterChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export interface MapPoint {
  lng: number;
  lat: number;
  /** 1-based row number in the preview. */
  row: number;
  name: string;
}

const GRID = { left: 64, right: 20, top: 16, bottom: 36 };

/** Axis ranges around the points such that a degree of latitude and cos(lat) degrees of longitude take equal pixels. */
export function fitRanges(points: MapPoint[], width: number, height: number) {
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  const minLng = Math.min(...lngs);
  const maxLng = Math.max(...lngs);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const cLng = (minLng + maxLng) / 2;
  const cLat = (minLat + maxLat) / 2;
  const k = Math.max(0.05, Math.cos((cLat * Math.PI) / 180));
  // A margin around the points; at least about 1 km so a single point is not alone in a void.
  const spanLng = Math.max((maxLng - minLng) * 1.15, 0.02);
  const spanLat = Math.max((maxLat - minLat) * 1.15, 0.02);
  const gw = Math.max(width - GRID.left - GRID.right, 40);
  const gh = Math.max(height - GRID.top - GRID.bottom, 40);
  const perPixel = Math.max((spanLng * k) / gw, spanLat / gh);
  const halfLng = (gw * perPixel) / k / 2;
  const halfLat = (gh * perPixel) / 2;
  return { xMin: cLng - halfLng, xMax: cLng + halfLng, yMin: cLat - halfLat, yMax: cLat + halfLat };
}

const fmt = (v: number, pos: string, neg: string) => `${Math.abs(v).toFixed(2)}°${v >= 0 ? pos : neg}`;

export default function DataMap({ points, height = 360 }: { points: MapPoint[]; height?: number }) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const latest = useRef<EChartsCoreOption | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const el = box.current;
    const c = echarts.init(el, undefined, { renderer: 'canvas', locale: lang === 'zh' ? 'ZH' : 'EN' });
    chart.current = c;
    if (latest.current) c.setOption(latest.current, { notMerge: true });
    setSize({ w: el.clientWidth, h: el.clientHeight });
    const observer = new ResizeObserver(() => {
      c.resize();
      setSize({ w: el.clientWidth, h: el.clientHeight });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [lang]);

  const label = t('map.aria', { points: points.length });
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!size || points.length === 0) return null;
    const r = fitRanges(points, size.w, size.h);
    const axis = {
      type: 'value',
      scale: true,
      splitLine: { lineStyle: { color: '#e6ecf5' } },
      axisLine: { show: true, lineStyle: { color: '#b8c4d6' } },
      axisLabel: { showMinLabel: false, showMaxLabel: false, color: '#5b6b82', hideOverlap: true },
    };
    return {
      aria: { enabled: true, label: { description: label } },
      animation: false,
      grid: { ...GRID, backgroundColor: '#f7f9fc', show: true, borderColor: '#b8c4d6' },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { value: [number, number, number]; name: string } }) => {
          const [lng, lat, row] = p.data.value;
          const title = echarts.format.encodeHTML(p.data.name || t('map.row', { n: row }));
          return `${title}<br/>${t('map.row', { n: row })}<br/>${t('map.lng')} ${lng}<br/>${t('map.lat')} ${lat}`;
        },
      },
      xAxis: {
        ...axis,
        name: t('map.lng'),
        nameLocation: 'middle',
        nameGap: 24,
        min: r.xMin,
        max: r.xMax,
        axisLabel: { ...axis.axisLabel, formatter: (v: number) => fmt(v, 'E', 'W') },
      },
      yAxis: {
        ...axis,
        name: t('map.lat'),
        nameLocation: 'middle',
        nameGap: 52,
        min: r.yMin,
        max: r.yMax,
        axisLabel: { ...axis.axisLabel, formatter: (v: number) => fmt(v, 'N', 'S') },
      },
      series: [
        {
          type: 'scatter',
          name: t('map.series'),
          symbolSize: 10,
          itemStyle: { color: '#1f5fbf', borderColor: '#fff', borderWidth: 1, opacity: 0.85 },
          emphasis: { scale: 1.6 },
          data: points.map((p) => ({ name: p.name, value: [p.lng, p.lat, p.row] })),
        },
      ],
    };
  }, [points, size, label, t]);

  useEffect(() => {
    latest.current = option;
    if (option) chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid="data-map"
      data-points={points.length}
      style={{ width: '100%', height }}
    />
  );
}
