import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Input,
  Pagination,
  Radio,
  Row,
  Skeleton,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { CloseOutlined, FilterOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { catalogApi, FACETS } from '../api';
import type { CatalogSort, Entry, FacetName, FacetValue } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useLoad } from '../useLoad';
import { formatCount, formatDate } from '../catalog';
import ErrorAlert from '../components/ErrorAlert';
import Highlight from '../components/Highlight';
import { OpenTag, SectorTag } from '../components/EntryTags';

const SORTS: CatalogSort[] = ['relevance', 'updated', 'downloads'];
const SIZES = [10, 20, 50];
const FACET_PREVIEW = 8;

/** Facets whose values are enumerations we have words for in both languages. */
const ENUM_FACETS: Partial<Record<FacetName, 'open' | 'freq'>> = { open: 'open', freq: 'freq' };

export default function CatalogPage() {
  const { t, label } = useI18n();
  const [params, setParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [showFilters, setShowFilters] = useState(false);
  const resultsRef = useRef<HTMLDivElement>(null);

  const q = (params.get('q') ?? '').trim();
  const filters = Object.fromEntries(FACETS.map((f) => [f, params.get(f) ?? ''])) as Record<
    FacetName,
    string
  >;
  const sortParam = params.get('sort') as CatalogSort | null;
  const sort: CatalogSort = sortParam && SORTS.includes(sortParam) ? sortParam : q ? 'relevance' : 'updated';
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const sizeParam = Number(params.get('size'));
  const size = SIZES.includes(sizeParam) ? sizeParam : 20;
  const key = params.toString();

  const load = useCallback(
    () =>
      catalogApi.search({
        q: q || undefined,
        ...Object.fromEntries(FACETS.filter((f) => filters[f]).map((f) => [f, filters[f]])),
        sort,
        page,
        size,
      }),
    // The query string holds all of the inputs.
    [key],
  );
  const { data, error, loading, reload } = useLoad(load, key);

  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  /** Changes the query string; any change but paging starts again at page 1. */
  const update = (changes: Record<string, string | number | null>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setParams(next);
  };

  const facetLabel = (facet: FacetName, v: FacetValue | { value: string; label?: string }) => {
    const e = ENUM_FACETS[facet];
    if (e) return label(e, v.value);
    return v.label || v.value;
  };

  const activeFilters = FACETS.filter((f) => filters[f]);
  const filterLabel = (f: FacetName) => {
    const hit = data?.facets?.[f]?.find((v) => v.value === filters[f]);
    return facetLabel(f, hit ?? { value: filters[f] });
  };

  const facetPanel = (
    <aside aria-label={t('catalog.filters')} data-testid="facets">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {FACETS.map((f) => (
          <FacetCard
            key={f}
            name={f}
            title={t(`facet.${f}` as MessageKey)}
            values={data?.facets?.[f] ?? []}
            selected={filters[f]}
            labelOf={(v) => facetLabel(f, v)}
            onPick={(v) => update({ [f]: v === filters[f] ? null : v })}
          />
        ))}
      </Space>
    </aside>
  );

  const total = data?.total ?? 0;
  const items = data?.items ?? [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('catalog.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('catalog.lead')}
        </Typography.Paragraph>
      </div>
      <div role="search">
        <Input.Search
          size="large"
          allowClear
          enterButton={t('catalog.searchButton')}
          aria-label={t('catalog.searchLabel')}
          placeholder={t('catalog.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || null })}
          data-testid="catalog-search"
        />
      </div>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={6}>
          {narrow ? (
            <>
              <Button
                icon={<FilterOutlined />}
                aria-expanded={showFilters}
                aria-controls="catalog-facets"
                onClick={() => setShowFilters((s) => !s)}
                block
              >
                {showFilters ? t('catalog.hideFilters') : t('catalog.showFilters')}
                {activeFilters.length > 0 && ` (${activeFilters.length})`}
              </Button>
              <div id="catalog-facets" hidden={!showFilters} style={{ marginTop: 12 }}>
                {facetPanel}
              </div>
            </>
          ) : (
            <div id="catalog-facets">{facetPanel}</div>
          )}
        </Col>
        <Col xs={24} lg={18}>
          <div ref={resultsRef} className="catalog-toolbar">
            <Typography.Text aria-live="polite" data-testid="catalog-total">
              {data
                ? q
                  ? t('catalog.totalFor', { n: formatCount(total), q })
                  : t('catalog.total', { n: formatCount(total) })
                : ''}
            </Typography.Text>
            <Space wrap>
              <span id="catalog-sort-label">{t('catalog.sort')}</span>
              <Radio.Group
                aria-labelledby="catalog-sort-label"
                optionType="button"
                size="small"
                value={sort}
                onChange={(e) => update({ sort: e.target.value as string })}
                options={SORTS.map((s) => ({ value: s, label: label('sort', s) }))}
              />
            </Space>
          </div>
          {activeFilters.length > 0 && (
            <div className="catalog-active" data-testid="active-filters">
              <Typography.Text type="secondary">{t('catalog.activeFilters')}</Typography.Text>
              {activeFilters.map((f) => (
                <Button
                  key={f}
                  size="small"
                  icon={<CloseOutlined />}
                  iconPosition="end"
                  title={t('catalog.removeFilter', { name: filterLabel(f) })}
                  onClick={() => update({ [f]: null })}
                >
                  {t('catalog.filterChip', { facet: t(`facet.${f}` as MessageKey), value: filterLabel(f) })}
                </Button>
              ))}
              <Button
                type="link"
                size="small"
                onClick={() => update(Object.fromEntries(FACETS.map((f) => [f, null])))}
              >
                {t('catalog.clearFilters')}
              </Button>
            </div>
          )}
          <ErrorAlert error={error} onRetry={reload} />
          {!data && loading ? (
            <Card>
              <Skeleton active />
              <span className="visually-hidden" role="status">
                {t('common.loading')}
              </span>
            </Card>
          ) : data ? (
            <Spin spinning={loading} tip={t('common.loading')}>
              <div aria-busy={loading} data-testid="catalog-results">
                {items.length === 0 ? (
                  <Card>
                    <Empty
                      description={
                        q || activeFilters.length
                          ? t('catalog.noMatch')
                          : t('catalog.emptyCatalog')
                      }
                    >
                      {(q || activeFilters.length > 0) && (
                        <Button
                          onClick={() =>
                            update({ q: null, ...Object.fromEntries(FACETS.map((f) => [f, null])) })
                          }
                        >
                          {t('catalog.clearAll')}
                        </Button>
                      )}
                    </Empty>
                  </Card>
                ) : (
                  <ol className="catalog-list">
                    {items.map((e) => (
                      <li key={e.code}>
                        <ResultCard entry={e} query={q} />
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            </Spin>
          ) : null}
          {data && total > 0 && (
            <Pagination
              style={{ marginTop: 16 }}
              align="center"
              current={page}
              pageSize={size}
              total={total}
              showSizeChanger
              pageSizeOptions={SIZES}
              showTotal={(n) => t('catalog.total', { n: formatCount(n) })}
              onChange={(p, s) => {
                update({ page: p === 1 ? null : p, size: s === 20 ? null : s }, s === size);
                resultsRef.current?.scrollIntoView({ block: 'start' });
              }}
            />
          )}
        </Col>
      </Row>
    </Space>
  );
}

interface FacetCardProps {
  name: FacetName;
  title: string;
  values: FacetValue[];
  selected: string;
  labelOf: (v: FacetValue) => string;
  onPick: (value: string) => void;
}

function FacetCard({ name, title, values, selected, labelOf, onPick }: FacetCardProps) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const selectedIndex = values.findIndex((v) => v.value === selected);
  // The chosen value stays visible even when it sits below the cut.
  const shown =
    all || values.length <= FACET_PREVIEW
      ? values
      : values.filter((_v, i) => i < FACET_PREVIEW || i === selectedIndex);
  const headingId = `facet-${name}-title`;
  return (
    <Card size="small" title={<span id={headingId}>{title}</span>} data-testid={`facet-${name}`}>
      {values.length === 0 ? (
        <Typography.Text type="secondary">{t('catalog.facetEmpty')}</Typography.Text>
      ) : (
        <ul className="facet-list" aria-labelledby={headingId}>
          {shown.map((v) => {
            const active = v.value === selected;
            return (
              <li key={v.value}>
                <button
                  type="button"
                  className={active ? 'facet-item active' : 'facet-item'}
                  aria-pressed={active}
                  onClick={() => onPick(v.value)}
                >
                  <span className="facet-label">{labelOf(v)}</span>
                  <span className="facet-count" title={t('catalog.facetCount', { n: v.count })}>
                    {formatCount(v.count)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {values.length > FACET_PREVIEW && (
        <Button type="link" size="small" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? t('catalog.facetLess') : t('catalog.facetMore', { n: values.length })}
        </Button>
      )}
    </Card>
  );
}

function ResultCard({ entry: e, query }: { entry: Entry; query: string }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" className="result-card" data-testid="catalog-item">
      <div className="result-head">
        <Typography.Title level={2} className="result-title">
          <Link to={`/datasets/${encodeURIComponent(e.code)}`}>
            <Highlight text={e.name} query={query} />
          </Link>
        </Typography.Title>
        <OpenTag value={e.open_attribute} />
        <SectorTag nonGovernment={e.non_government} />
      </div>
      {e.summary && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 8 }}>
          <Highlight text={e.summary} query={query} />
        </Typography.Paragraph>
      )}
      <dl className="result-meta">
        <div>
          <dt>{t('entry.provider')}</dt>
          <dd data-testid="result-provider">
            <Link to={`/providers/${e.provider_id}`}>{e.provider_name}</Link>
          </dd>
        </div>
        {e.domain && (
          <div>
            <dt>{t('entry.domain')}</dt>
            <dd>{e.domain}</dd>
          </div>
        )}
        <div>
          <dt>{t('entry.formats')}</dt>
          <dd>
            {(e.formats ?? []).map((f) => (
              <Tag key={f} className="format-tag">
                {f.toUpperCase()}
              </Tag>
            ))}
          </dd>
        </div>
        <div>
          <dt>{t('entry.updateFrequency')}</dt>
          <dd>{label('freq', e.update_frequency)}</dd>
        </div>
        <div>
          <dt>{t('entry.updatedAt')}</dt>
          <dd>{formatDate(e.updated_at)}</dd>
        </div>
        {e.row_count !== null && e.row_count !== undefined && (
          <div>
            <dt>{t('entry.rowCount')}</dt>
            <dd>{formatCount(e.row_count)}</dd>
          </div>
        )}
      </dl>
    </Card>
  );
}
