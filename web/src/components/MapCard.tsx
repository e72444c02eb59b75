// The dataset page's map, for data whose dictionary has a longitude and a latitude field (by
// name or label: 经度/纬度, lng/lat, longitude/latitude…). Published data: the 地图 tab of the
// data views (MapTab), drawing the rows the table's search and filters select. A version the
// staff preview: a card with that version's first MAP_ROWS rows (MapCard). ECharts comes in
// lazily with DataMap.
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Card, Typography } from 'antd';
import { ApiError, dataApi } from '../api';
import type { Entry, Field, RowsQuery } from '../api';
import { portalApi } from '../portalApi';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import ErrorAlert from './ErrorAlert';
import PageLoading from './PageLoading';
import type { MapPoint } from './DataMap';

const DataMap = lazy(() => import('./DataMap'));

/** The rows the staff's version preview map draws. */
export const MAP_ROWS = 20;
/** The most rows the map tab draws (fewer for callers who may only preview). */
export const MAP_TAB_ROWS = 500;

const LNG = /^(lng|lon|long|longitude|x_?coord|经度|.*经度|gcj_?lng|wgs_?lng|bd_?lng)$|(^|_)(lng|lon|longitude)$/i;
const LAT = /^(lat|latitude|y_?coord|纬度|.*纬度|gcj_?lat|wgs_?lat|bd_?lat)$|(^|_)(lat|latitude)$/i;
const NUMERIC = new Set(['decimal', 'integer', 'text']);
const NAME = /(名称|名字|^name$|_name$|title|地址)/i;

function matches(f: Field, re: RegExp): boolean {
  return NUMERIC.has(f.type) && (re.test(f.name.trim()) || re.test((f.label ?? '').trim()));
}

/** The longitude and latitude fields of a dictionary, or null when it has not both. */
export function coordinateFields(fields: Field[] | undefined): { lng: Field; lat: Field } | null {
  const list = fields ?? [];
  const lng = list.find((f) => matches(f, LNG));
  const lat = list.find((f) => matches(f, LAT));
  return lng && lat && lng !== lat ? { lng, lat } : null;
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}

/** The rows' points with valid coordinates (finite, in range, not the 0,0 of a missing value). */
export function pointsOf(
  rows: Record<string, unknown>[],
  lng: string,
  lat: string,
  nameField: string | undefined,
): MapPoint[] {
  const out: MapPoint[] = [];
  rows.forEach((r, i) => {
    const x = toNumber(r[lng]);
    const y = toNumber(r[lat]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (Math.abs(x) > 180 || Math.abs(y) > 90 || (x === 0 && y === 0)) return;
    const name = nameField && r[nameField] != null ? String(r[nameField]) : '';
    out.push({ lng: x, lat: y, row: i + 1, name });
  });
  return out;
}

function useMapFields(entry: Entry) {
  const coords = useMemo(() => coordinateFields(entry.fields), [entry.fields]);
  const nameField = useMemo(() => {
    if (!coords) return undefined;
    const fields = entry.fields ?? [];
    const text = fields.filter((f) => f.type === 'text' && f !== coords.lng && f !== coords.lat);
    return (text.find((f) => NAME.test(f.name) || NAME.test(f.label ?? '')) ?? text.find((f) => f.key))?.name;
  }, [entry.fields, coords]);
  return coords ? { ...coords, nameField } : null;
}

/** The staff's map of one version's first rows (the dataset page's version preview). */
export default function MapCard({ entry, version }: { entry: Entry; version?: number }) {
  const { t } = useI18n();
  const fields = useMapFields(entry);
  const mapped = fields !== null;
  const load = useCallback(
    () => (mapped ? portalApi.previewRows(entry.code, MAP_ROWS, version) : Promise.resolve(undefined)),
    [entry.code, version, mapped],
  );
  const rows = useLoad(load, `${entry.code}@${entry.revision}#${version ?? ''}:${mapped}`);
  if (!fields) return null;
  return (
    <Card id="map" title={<h2 className="card-heading">{t('map.title')}</h2>} data-testid="map-card">
      <MapBody
        rows={rows.data?.rows}
        error={rows.error}
        loading={rows.loading}
        reload={rows.reload}
        fields={fields}
        lead={(points) =>
          t('map.lead', { n: MAP_ROWS, points, lng: fields.lng.label || fields.lng.name, lat: fields.lat.label || fields.lat.name })
        }
        none={t('map.none', { n: MAP_ROWS })}
      />
    </Card>
  );
}

/**
 * The map tab of the data views: the points of the rows the table's search and filters select
 * (`filter`, the same query the table and the charts use), at most `limit` of them.
 */
export function MapTab({
  entry,
  filter,
  filtered,
  limit,
}: {
  entry: Entry;
  filter: RowsQuery;
  filtered: boolean;
  limit: number;
}) {
  const { t } = useI18n();
  const fields = useMapFields(entry);
  const filterKey = JSON.stringify(filter);
  const load = useCallback(
    () => dataApi.rows(entry.code, { ...filter, $limit: limit }),
    [entry.code, filterKey, limit], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const rows = useLoad(load, `${entry.code}@${entry.revision}?${filterKey}#${limit}`);
  if (!fields) return null;
  const total = rows.data?.total ?? 0;
  const shown = Math.min(total, limit);
  const names = { lng: fields.lng.label || fields.lng.name, lat: fields.lat.label || fields.lat.name };
  return (
    <div data-testid="map-tab">
      <MapBody
        rows={rows.data?.rows}
        error={rows.error}
        loading={rows.loading}
        reload={rows.reload}
        fields={fields}
        lead={(points) =>
          filtered
            ? t('map.leadFiltered', { total, n: shown, points, ...names })
            : t('map.leadAll', { total, n: shown, points, ...names })
        }
        none={filtered ? t('map.noneFiltered', { total }) : t('map.none', { n: shown })}
      />
    </div>
  );
}

function MapBody({
  rows,
  error,
  loading,
  reload,
  fields,
  lead,
  none,
}: {
  rows: Record<string, unknown>[] | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  fields: { lng: Field; lat: Field; nameField: string | undefined };
  lead: (points: number) => string;
  none: string;
}) {
  const { t } = useI18n();
  const points = useMemo(
    () => (rows ? pointsOf(rows, fields.lng.name, fields.lat.name, fields.nameField) : []),
    [rows, fields.lng.name, fields.lat.name, fields.nameField],
  );
  const err = error instanceof ApiError ? error : undefined;
  const unavailable = err && (err.status === 403 || err.status === 404);
  if (unavailable) {
    return (
      <Typography.Text type="secondary" data-testid="map-unavailable">
        {t('map.restricted')}
      </Typography.Text>
    );
  }
  if (error) return <ErrorAlert error={error} title={t('map.loadFailed')} onRetry={reload} />;
  if (!rows || loading) return <PageLoading />;
  if (points.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="map-empty">
        {none}
      </Typography.Text>
    );
  }
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="map-lead">
        {lead(points.length)} {t('map.grid')}
      </Typography.Paragraph>
      <Suspense fallback={<PageLoading />}>
        <DataMap points={points} />
      </Suspense>
      <details style={{ marginTop: 8 }}>
        <summary style={{ cursor: 'pointer' }}>{t('map.listSummary')}</summary>
        <ol style={{ paddingInlineStart: 24, margin: '8px 0 0' }} data-testid="map-points">
          {points.map((p) => (
            <li key={p.row} value={p.row}>
              {p.name || t('map.row', { n: p.row })} — {t('map.lng')} {p.lng}, {t('map.lat')} {p.lat}
            </li>
          ))}
        </ol>
      </details>
    </>
  );
}
