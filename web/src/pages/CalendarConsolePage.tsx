// /console/calendar: the working-day calendar (工作日历) — a month view marking the holidays and
// the make-up working days (调休上班) of the national schedule, the year's lists and counts, a
// calculator for "N working days after a date", and for administrators the correction of a year
// (PUT /api/v1/calendar/{year} with the year file, TOML). ?month=YYYY-MM makes a month bookmarkable.
import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { authorityApi } from '../authorityApi';
import type { CalendarYear, SpecialDay, WorkingDaysResult } from '../authorityApi';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { hasRole } from '../catalog';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import AuthorityHeader from '../components/AuthorityNav';
import type { MessageKey } from '../messages';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK_KEYS: MessageKey[] = [
  'authority.cal.mon',
  'authority.cal.tue',
  'authority.cal.wed',
  'authority.cal.thu',
  'authority.cal.fri',
  'authority.cal.sat',
  'authority.cal.sun',
];

type Kind = 'holiday' | 'workday' | 'weekend' | 'working';

function MonthView({ month, year }: { month: string; year: CalendarYear | undefined }) {
  const { t } = useI18n();
  const special = useMemo(() => {
    const m = new Map<string, SpecialDay>();
    for (const d of [...(year?.holidays ?? []), ...(year?.workdays ?? [])]) m.set(d.date, d);
    return m;
  }, [year]);
  const first = dayjs(`${month}-01`);
  const lead = (first.day() + 6) % 7; // Monday first
  const days = first.daysInMonth();
  const today = dayjs().format('YYYY-MM-DD');
  const kindLabel: Record<Kind, string> = {
    holiday: t('authority.cal.holiday'),
    workday: t('authority.cal.makeup'),
    weekend: t('authority.cal.weekend'),
    working: t('authority.cal.working'),
  };
  const cells = [];
  for (let i = 0; i < lead; i++) cells.push(<div key={`b${i}`} className="cal-blank" aria-hidden="true" />);
  for (let n = 1; n <= days; n++) {
    const d = first.date(n);
    const iso = d.format('YYYY-MM-DD');
    const s = special.get(iso);
    const weekend = d.day() === 0 || d.day() === 6;
    const kind: Kind = s ? (s.kind === 'holiday' ? 'holiday' : 'workday') : weekend ? 'weekend' : 'working';
    const weekday = t(WEEK_KEYS[(d.day() + 6) % 7]);
    const text = [iso, weekday, s?.name, kindLabel[kind]].filter(Boolean).join(' ');
    cells.push(
      <div
        key={iso}
        role="gridcell"
        className={`cal-day ${kind}${iso === today ? ' today' : ''}`}
        data-testid={`day-${iso}`}
        data-kind={kind}
        aria-label={text}
        title={text}
      >
        {kind === 'holiday' && <span className="mark">{t('authority.cal.holidayMark')}</span>}
        {kind === 'workday' && <span className="mark">{t('authority.cal.makeupMark')}</span>}
        <span className="num">{n}</span>
        {s?.name ? <span className="name">{s.name}</span> : null}
      </div>,
    );
  }
  // Rows of seven for the grid role; the CSS grid lays the cells out.
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) {
    rows.push(
      <div role="row" key={i} style={{ display: 'contents' }}>
        {cells.slice(i, i + 7)}
      </div>,
    );
  }
  return (
    <div>
      <div className="cal-month" role="grid" aria-label={t('authority.cal.monthLabel', { month })} data-testid="cal-month">
        <div role="row" style={{ display: 'contents' }}>
          {WEEK_KEYS.map((k) => (
            <div key={k} role="columnheader" className="cal-head">
              {t(k)}
            </div>
          ))}
        </div>
        {rows}
      </div>
      <div className="cal-legend" aria-hidden="true">
        <span>
          <span className="swatch" style={{ background: '#fff1f0', borderColor: '#ffa39e' }} />
          {t('authority.cal.holidayMark')} {t('authority.cal.holiday')}
        </span>
        <span>
          <span className="swatch" style={{ background: '#e6f4ff', borderColor: '#91caff' }} />
          {t('authority.cal.makeupMark')} {t('authority.cal.makeup')}
        </span>
        <span>
          <span className="swatch" style={{ background: '#fafafa' }} />
          {t('authority.cal.weekend')}
        </span>
      </div>
    </div>
  );
}

function Calculator() {
  const { t } = useI18n();
  const [from, setFrom] = useState(dayjs().format('YYYY-MM-DD'));
  const [n, setN] = useState<number | null>(10);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<WorkingDaysResult | null>(null);
  const [error, setError] = useState<unknown>();

  const run = async () => {
    if (!from || n === null) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await authorityApi.addWorkingDays(from, n));
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('authority.cal.calcTitle')}</h2>} data-testid="cal-calculator">
      <Form layout="vertical" onFinish={() => void run()}>
        <Form.Item label={t('authority.cal.from')} htmlFor="calc-from" required>
          <Input id="calc-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="calc-from" />
        </Form.Item>
        <Form.Item label={t('authority.cal.n')} htmlFor="calc-n" extra={t('authority.cal.nHint')} required>
          <InputNumber id="calc-n" min={-10000} max={10000} value={n} onChange={setN} style={{ width: '100%' }} data-testid="calc-n" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!from || n === null} data-testid="calc-run">
          {t('authority.cal.calc')}
        </Button>
      </Form>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        <ErrorAlert error={error} />
        {result && (
          <Space direction="vertical" size={4}>
            <Typography.Text>
              {t('authority.cal.result', { from: result.from, n: result.n })}
            </Typography.Text>
            <Typography.Text strong style={{ fontSize: 20 }} data-testid="calc-result">
              {result.date}（{result.weekday}）
            </Typography.Text>
            {!result.covered && <Alert type="warning" showIcon message={t('authority.cal.notCoveredCalc')} />}
          </Space>
        )}
      </div>
    </Card>
  );
}

function CorrectYearModal({ year, covered, open, onClose, onSaved }: {
  year: number;
  /** The year has a schedule: start from its file (else from an empty one, without a 404). */
  covered: boolean;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const load = useCallback(
    () => (open && covered ? authorityApi.calendarToml(year) : Promise.resolve(`year = ${year}\n`)),
    [year, open, covered],
  );
  const file = useLoad(load, `${year}:${open}:${covered}`);
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const value = text ?? file.data ?? '';

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await authorityApi.saveCalendarYear(year, value);
      setText(null);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={t('authority.cal.correctTitle', { year })}
      okText={t('authority.cal.correctSave')}
      cancelText={t('common.cancel')}
      onOk={() => void save()}
      confirmLoading={busy}
      onCancel={() => {
        setText(null);
        setError(undefined);
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">{t('authority.cal.correctHint')}</Typography.Paragraph>
      <ErrorAlert error={file.error ?? error} />
      <label htmlFor="cal-toml" style={{ display: 'block', marginBottom: 4 }}>
        {t('authority.cal.correctFile')}
      </label>
      <Input.TextArea
        id="cal-toml"
        value={value}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 12, maxRows: 24 }}
        spellCheck={false}
        style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
        disabled={file.loading}
      />
    </Modal>
  );
}

export default function CalendarConsolePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const raw = params.get('month') ?? '';
  const month = MONTH_RE.test(raw) ? raw : dayjs().format('YYYY-MM');
  const yearNo = Number(month.slice(0, 4));
  const loadYears = useCallback(() => authorityApi.calendarYears().then((r) => r.years), []);
  const years = useLoad(loadYears);
  const loadYear = useCallback(() => authorityApi.calendarYear(yearNo), [yearNo]);
  const year = useLoad(loadYear, String(yearNo));
  const [correcting, setCorrecting] = useState(false);
  const admin = hasRole(user, 'admin');

  const go = (m: string) => {
    const next = new URLSearchParams(params);
    next.set('month', m);
    setParams(next, { replace: true });
  };
  const shift = (by: number) => go(dayjs(`${month}-01`).add(by, 'month').format('YYYY-MM'));

  const yearOptions = useMemo(() => {
    const ys = new Set([...(years.data ?? []), yearNo, dayjs().year()]);
    return [...ys].sort((a, b) => a - b).map((y) => ({ value: y, label: String(y) }));
  }, [years.data, yearNo]);

  const listColumns = [
    {
      title: t('authority.cal.date'),
      dataIndex: 'date',
      key: 'date',
      render: (d: string) => (
        <Link to={`/console/calendar?month=${d.slice(0, 7)}`} onClick={() => go(d.slice(0, 7))}>
          {d}
        </Link>
      ),
    },
    { title: t('authority.cal.weekday'), dataIndex: 'weekday', key: 'weekday' },
    { title: t('authority.cal.name'), dataIndex: 'name', key: 'name' },
  ];

  const data = year.data;
  return (
    <>
      <AuthorityHeader
        title={t('authority.sec.calendar')}
        lead={t('authority.cal.lead')}
        extra={
          admin ? (
            <Button onClick={() => setCorrecting(true)} data-testid="cal-correct">
              {t('authority.cal.correct', { year: yearNo })}
            </Button>
          ) : undefined
        }
      />
      <ErrorAlert error={years.error} onRetry={years.reload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            className="cal-card"
            title={
              <h2 style={{ fontSize: 16, margin: 0 }} data-testid="cal-title">
                {t('authority.cal.monthTitle', { year: yearNo, month: Number(month.slice(5)) })}
              </h2>
            }
            extra={
              <Space wrap>
                <Button icon={<LeftOutlined />} onClick={() => shift(-1)} aria-label={t('authority.cal.prev')} data-testid="cal-prev" />
                <Select
                  aria-label={t('authority.cal.year')}
                  value={yearNo}
                  onChange={(y) => go(`${y}-${month.slice(5)}`)}
                  options={yearOptions}
                  style={{ width: 96 }}
                />
                <Select
                  aria-label={t('authority.cal.month')}
                  value={month.slice(5)}
                  onChange={(m) => go(`${yearNo}-${m}`)}
                  options={Array.from({ length: 12 }, (_, i) => {
                    const m = String(i + 1).padStart(2, '0');
                    return { value: m, label: t('authority.cal.monthN', { n: i + 1 }) };
                  })}
                  style={{ width: 96 }}
                />
                <Button icon={<RightOutlined />} onClick={() => shift(1)} aria-label={t('authority.cal.next')} data-testid="cal-next" />
              </Space>
            }
          >
            <ErrorAlert error={year.error} onRetry={year.reload} />
            {data && !data.covered && (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('authority.cal.notCovered', { year: yearNo })} />
            )}
            {year.loading && !data ? <Typography.Text role="status">{t('common.loading')}</Typography.Text> : null}
            <MonthView month={month} year={data && data.year === yearNo ? data : undefined} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Calculator />
            {data && (
              <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('authority.cal.yearCounts', { year: yearNo })}</h2>}>
                <Row gutter={[8, 8]}>
                  <Col span={12}>
                    <Statistic title={t('authority.cal.workingDays')} value={data.counts.working_days} />
                  </Col>
                  <Col span={12}>
                    <Statistic title={t('authority.cal.holidays')} value={data.counts.holidays} />
                  </Col>
                  <Col span={12}>
                    <Statistic title={t('authority.cal.holidaysOnWeekdays')} value={data.counts.holidays_on_weekdays} />
                  </Col>
                  <Col span={12}>
                    <Statistic title={t('authority.cal.makeups')} value={data.counts.makeup_workdays} />
                  </Col>
                </Row>
              </Card>
            )}
          </Space>
        </Col>
      </Row>
      {data && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} md={12}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}><Tag color="red">{t('authority.cal.holidayMark')}</Tag>{t('authority.cal.holidayList', { year: yearNo })}</h2>}>
              <Table<SpecialDay>
                size="small"
                rowKey="date"
                columns={listColumns}
                dataSource={data.holidays}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="cal-holidays"
                locale={{ emptyText: <Empty description={t('authority.cal.noneListed')} /> }}
              />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}><Tag color="blue">{t('authority.cal.makeupMark')}</Tag>{t('authority.cal.makeupList', { year: yearNo })}</h2>}>
              <Table<SpecialDay>
                size="small"
                rowKey="date"
                columns={listColumns}
                dataSource={data.workdays}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="cal-workdays"
                locale={{ emptyText: <Empty description={t('authority.cal.noneListed')} /> }}
              />
            </Card>
          </Col>
        </Row>
      )}
      {admin && (
        <CorrectYearModal
          year={yearNo}
          covered={!!data?.covered}
          open={correcting}
          onClose={() => setCorrecting(false)}
          onSaved={() => {
            setCorrecting(false);
            void message.success(t('authority.cal.correctedOk', { year: yearNo }));
            year.reload();
            years.reload();
          }}
        />
      )}
    </>
  );
}
