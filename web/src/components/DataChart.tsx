// Simple charts of a dataset (DATA-1), loaded on demand so that ECharts stays out of the
// other pages' bundles: a bar chart of a measure (row count, or the sum or average of a
// numeric column) grouped by a text or date column, and a line chart by month over a date
// column. Both follow the table preview's search and filters.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Card, Empty, Select, Space, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { dataApi } from '../api';
import type { RowsQuery } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { ident, isDateType, isNumericType } from '../dataQuery';
import ErrorAlert from './ErrorAlert';
import type { LabelledColumn } from './DataSection';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

interface Props {
  code: string;
  columns: LabelledColumn[];
  filter: RowsQuery;
}

/** 'count', 'sum:<col>' or 'avg:<col>'. */
type Measure = string;

function aggregate(m: Measure): string {
  if (m === 'count') return 'count(*)';
  const [fn, ...rest] = m.split(':');
  return `${fn === 'avg' ? 'avg' : 'sum'}(${ident(rest.join(':'))})`;
}

function toNumber(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : 0;
}

export default function DataChart({ code, columns, filter }: Props) {
  const { t } = useI18n();
  const numeric = columns.filter((c) => isNumericType(c.type));
  const dates = columns.filter((c) => isDateType(c.type));
  const groupable = columns.filter((c) => c.type === 'text' || c.type === 'boolean' || isDateType(c.type));
  const [measure, setMeasure] = useState<Measure>('count');
  const [group, setGroup] = useState<string | undefined>(
    () => (groupable.find((c) => c.type === 'text' && !/(_no|_id|id|code|name)$/i.test(c.name)) ?? groupable[0])?.name,
  );
  const [dateCol, setDateCol] = useState<string | undefined>(dates[0]?.name);
  const labelOf = (name: string) => columns.find((c) => c.name === name)?.label ?? name;

  const measureOptions = [
    { value: 'count', label: t('chart.count') },
    ...numeric.flatMap((c) => [
      { value: `sum:${c.name}`, label: t('chart.sumOf', { col: c.label }) },
      { value: `avg:${c.name}`, label: t('chart.avgOf', { col: c.label }) },
    ]),
  ];
  const measureLabel = measureOptions.find((o) => o.value === measure)?.label ?? t('chart.count');
  const filterKey = JSON.stringify(filter);

  const loadBar = useCallback(
    () =>
      group
        ? dataApi.rows(code, {
            ...filter,
            $select: `${ident(group)} AS g, ${aggregate(measure)} AS n`,
            $group: ident(group),
            $order: 'n DESC',
            $limit: 20,
          })
        : Promise.resolve(undefined),
    [code, group, measure, filterKey], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const bar = useLoad(loadBar, `${code}|${group}|${measure}|${filterKey}`);

  const loadLine = useCallback(
    () =>
      dateCol
        ? dataApi.rows(code, {
            ...filter,
            $select: `date_trunc_ym(${ident(dateCol)}) AS m, ${aggregate(measure)} AS n`,
            $group: `date_trunc_ym(${ident(dateCol)})`,
            $order: 'm',
            $limit: 1000,
          })
        : Promise.resolve(undefined),
    [code, dateCol, measure, filterKey], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const line = useLoad(loadLine, `${code}|${dateCol}|${measure}|${filterKey}`);

  const barTitle = group ? t('chart.barTitle', { col: labelOf(group), measure: measureLabel }) : '';
  const lineTitle = dateCol ? t('chart.lineTitle', { col: labelOf(dateCol), measure: measureLabel }) : '';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="charts">
      <Space wrap>
        <label>
          <Typography.Text style={{ marginRight: 8 }}>{t('chart.measure')}</Typography.Text>
          <Select
            aria-label={t('chart.measure')}
            style={{ minWidth: 200 }}
            value={measure}
            onChange={setMeasure}
            options={measureOptions}
            data-testid="chart-measure"
          />
        </label>
        {groupable.length > 0 && (
          <label>
            <Typography.Text style={{ marginRight: 8 }}>{t('chart.groupBy')}</Typography.Text>
            <Select
              aria-label={t('chart.groupBy')}
              style={{ minWidth: 180 }}
              value={group}
              onChange={setGroup}
              options={groupable.map((c) => ({ value: c.name, label: c.label }))}
              data-testid="chart-group"
            />
          </label>
        )}
        {dates.length > 1 && (
          <label>
            <Typography.Text style={{ marginRight: 8 }}>{t('chart.dateColumn')}</Typography.Text>
            <Select
              aria-label={t('chart.dateColumn')}
              style={{ minWidth: 160 }}
              value={dateCol}
              onChange={setDateCol}
              options={dates.map((c) => ({ value: c.name, label: c.label }))}
            />
          </label>
        )}
      </Space>
      <Typography.Text type="secondary">{t('chart.filtersApply')}</Typography.Text>

      {group ? (
        <Card size="small" title={<h3 className="chart-heading">{barTitle}</h3>}>
          <ErrorAlert error={bar.error} onRetry={bar.reload} />
          {!bar.error && (
            <Chart
              testId="chart-bar"
              title={barTitle}
              loading={bar.loading}
              empty={!bar.loading && (bar.data?.rows.length ?? 0) === 0}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
                xAxis: {
                  type: 'category',
                  data: (bar.data?.rows ?? []).map((r) => (r.g === null || r.g === undefined ? t('preview.null') : String(r.g))),
                  axisLabel: { interval: 0, rotate: (bar.data?.rows.length ?? 0) > 6 ? 30 : 0 },
                },
                yAxis: { type: 'value', name: measureLabel, nameTextStyle: { align: 'left' } },
                series: [
                  {
                    type: 'bar',
                    name: measureLabel,
                    data: (bar.data?.rows ?? []).map((r) => toNumber(r.n)),
                    itemStyle: { color: '#1677ff' },
                  },
                ],
              }}
            />
          )}
        </Card>
      ) : (
        <Empty description={t('chart.noGroup')} />
      )}

      {dateCol && (
        <Card size="small" title={<h3 className="chart-heading">{lineTitle}</h3>}>
          <ErrorAlert error={line.error} onRetry={line.reload} />
          {!line.error && (
            <Chart
              testId="chart-line"
              title={lineTitle}
              loading={line.loading}
              empty={!line.loading && (line.data?.rows.length ?? 0) === 0}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
                xAxis: {
                  type: 'category',
                  name: t('chart.month'),
                  data: (line.data?.rows ?? []).map((r) => String(r.m ?? '').slice(0, 7)),
                },
                yAxis: { type: 'value', name: measureLabel, nameTextStyle: { align: 'left' } },
                series: [
                  {
                    type: 'line',
                    name: measureLabel,
                    data: (line.data?.rows ?? []).map((r) => toNumber(r.n)),
                    smooth: false,
                    symbolSize: 6,
                    itemStyle: { color: '#13a8a8' },
                  },
                ],
              }}
            />
          )}
        </Card>
      )}
    </Space>
  );
}

/** One ECharts instance in a div: made on mount, given each new option, resized with its box. */
function Chart({
  option,
  title,
  loading,
  empty,
  testId,
}: {
  option: EChartsCoreOption;
  title: string;
  loading: boolean;
  empty: boolean;
  testId: string;
}) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const full = useMemo(() => ({ aria: { enabled: true, label: { description: title } }, ...option }), [option, title]);

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'svg', locale: lang === 'zh' ? 'ZH' : 'EN' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    chart.current?.setOption(full, { notMerge: true });
  }, [full, lang]);

  useEffect(() => {
    if (loading) chart.current?.showLoading('default', { text: t('common.loading') });
    else chart.current?.hideLoading();
  }, [loading, t]);

  return (
    <div style={{ position: 'relative' }}>
      <div ref={box} role="img" aria-label={title} data-testid={testId} style={{ width: '100%', height: 320 }} />
      {empty && (
        <div style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', background: '#fff' }}>
          <Empty description={t('chart.empty')} />
        </div>
      )}
    </div>
  );
}
