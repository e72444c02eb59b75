// The dataset page's map: shown when the data dictionary has a longitude and a latitude
// field (by name or label: 经度/纬度, lng/lat, longitude/latitude…). It draws the points of
// the first MAP_ROWS rows (the preview limit); ECharts comes in lazily with DataMap.
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Card, Typography } from 'antd';
import { ApiError } from '../api';
import type { Entry, Field } from '../api';
import { portalApi } from '../portalApi';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import ErrorAlert from './ErrorAlert';
import PageLoading from './PageLoading';
import type { MapPoint } from './DataMap';

const DataMap = lazy(() => import('./DataMap'));

/** The rows the map draws: the preview limit of the data API for callers without download rights. */
export const MAP_ROWS = 20;

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

export default function MapCard({ entry, version }: { entry: Entry; version?: number }) {
  const coords = useMemo(() => coordinateFields(entry.fields), [entry.fields]);
  if (!coords) return null;
  return <MapCardBody entry={entry} version={version} lng={coords.lng} lat={coords.lat} />;
}

function MapCardBody({ entry, version, lng, lat }: { entry: Entry; version?: number; lng: Field; lat: Field }) {
  const { t } = useI18n();
  const load = useCallback(() => portalApi.previewRows(entry.code, MAP_ROWS, version), [entry.code, version]);
  const rows = useLoad(load, `${entry.code}@${entry.revision}#${version ?? ''}`);
  const nameField = useMemo(() => {
    const fields = entry.fields ?? [];
    const text = fields.filter((f) => f.type === 'text' && f !== lng && f !== lat);
    return (text.find((f) => NAME.test(f.name) || NAME.test(f.label ?? '')) ?? text.find((f) => f.key))?.name;
  }, [entry.fields, lng, lat]);
  const points = useMemo(
    () => (rows.data ? pointsOf(rows.data.rows, lng.name, lat.name, nameField) : []),
    [rows.data, lng.name, lat.name, nameField],
  );
  const err = rows.error instanceof ApiError ? rows.error : undefined;
  const unavailable = err && (err.status === 403 || err.status === 404);

  return (
    <Card id="map" title={<h2 className="card-heading">{t('map.title')}</h2>} data-testid="map-card">
      {unavailable ? (
        <Typography.Text type="secondary" data-testid="map-unavailable">
          {t('map.restricted')}
        </Typography.Text>
      ) : rows.error ? (
        <ErrorAlert error={rows.error} title={t('map.loadFailed')} onRetry={rows.reload} />
      ) : !rows.data || rows.loading ? (
        <PageLoading />
      ) : points.length === 0 ? (
        <Typography.Text type="secondary" data-testid="map-empty">
          {t('map.none', { n: MAP_ROWS })}
        </Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('map.lead', {
              n: MAP_ROWS,
              points: points.length,
              lng: lng.label || lng.name,
              lat: lat.label || lat.name,
            })}{' '}
            {t('map.grid')}
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
      )}
    </Card>
  );
}
