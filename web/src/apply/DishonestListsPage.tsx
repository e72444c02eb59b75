// /console/dishonest-lists — the authority imports a dishonest list (失信被执行人, 严重违法失信,
// 经营异常): a CSV or XLSX file chosen in the browser and uploaded as it is (the server detects
// the CSV's encoding and reads the workbook's first sheet), with its kind, source and date; the
// server keeps only keyed hashes of the credit codes and identity numbers and reports the lines
// it could not use. Applicants on a list are refused.
import { useCallback, useRef, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { formatBytes, formatCount } from '../catalog';
import { useDocumentTitle } from '../site/PageTitle';
import AuthorityHeader from '../components/AuthorityNav';
import ErrorAlert from '../components/ErrorAlert';
import { applyApi, DISHONEST_KINDS } from './api';
import { given } from './bits';
import type { DishonestKind, DishonestList } from './api';

interface Values {
  kind: DishonestKind;
  source: string;
  listed_on: string;
}

/** A CSV file's first line, to show before importing: UTF-8 when valid, else GB18030 (what Excel saves in China). */
async function csvHeader(file: File): Promise<string> {
  const bytes = await file.slice(0, 64 * 1024).arrayBuffer();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }); // a cut last character is not an error
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
}

const MAX_CSV_BYTES = 20 * 1024 * 1024;

export default function DishonestListsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const load = useCallback(() => applyApi.dishonestLists().then((r) => r.items), []);
  const lists = useLoad(load);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; size: number; blob: File; header: string } | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<{ added: number; problems: string[] } | null>(null);
  useDocumentTitle(t('dishonest.title'));

  const choose = async (f: File | undefined) => {
    setFileProblem(null);
    setFile(null);
    if (!f) return;
    if (f.size > MAX_CSV_BYTES) return setFileProblem(t('dishonest.tooBig'));
    if (!/\.(csv|xlsx)$/i.test(f.name)) return setFileProblem(t('dishonest.wrongType'));
    const header = /\.csv$/i.test(f.name) ? await csvHeader(f) : '';
    setFile({ name: f.name, size: f.size, blob: f, header });
  };

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (!file) {
      setFileProblem(t('dishonest.fileRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    setResult(null);
    try {
      const r = await applyApi.importDishonestFile(
        { kind: v.kind, source: v.source.trim(), listed_on: v.listed_on, name: file.name },
        file.blob,
      );
      setResult(r);
      void message.success(t('dishonest.done', { n: r.added }));
      lists.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<DishonestList> = [
    { title: t('dishonest.kind'), dataIndex: 'kind', key: 'kind' },
    { title: t('dishonest.source'), dataIndex: 'source', key: 'source' },
    { title: t('dishonest.listedOn'), dataIndex: 'listed_on', key: 'listed' },
    { title: t('dishonest.count'), key: 'count', align: 'right', render: (_, l) => formatCount(l.count) },
    { title: t('dishonest.importedOn'), dataIndex: 'imported_on', key: 'imported' },
  ];
  const header = file?.header ?? '';

  return (
    <>
      <AuthorityHeader title={t('dishonest.title')} lead={t('dishonest.lead')} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={<h2 className="card-heading">{t('dishonest.import')}</h2>} data-testid="dishonest-import">
          <Typography.Paragraph type="secondary">{t('dishonest.format')}</Typography.Paragraph>
          <Form<Values> form={form} layout="vertical" name="dishonest" style={{ maxWidth: 560 }}>
            <Form.Item name="kind" label={t('dishonest.kind')} rules={[given(t('dishonest.kindRequired'))]}>
              <Select
                data-testid="dishonest-kind"
                options={DISHONEST_KINDS.map((k) => ({ value: k, label: k }))}
                placeholder={t('dishonest.kindPlaceholder')}
              />
            </Form.Item>
            <Form.Item
              name="source"
              label={t('dishonest.source')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('dishonest.source') }) }]}
            >
              <Input maxLength={200} placeholder={t('dishonest.sourcePlaceholder')} data-testid="dishonest-source" />
            </Form.Item>
            <Form.Item
              name="listed_on"
              label={t('dishonest.listedOn')}
              rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('dishonest.dateRequired') }]}
            >
              <Input type="date" style={{ maxWidth: 220 }} data-testid="dishonest-date" />
            </Form.Item>
          </Form>
          <Space direction="vertical" size="small" style={{ width: '100%' }}>
            <Space wrap>
              <input
                ref={input}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                hidden
                aria-hidden="true"
                tabIndex={-1}
                data-testid="dishonest-file"
                onChange={(ev) => void choose(ev.target.files?.[0])}
              />
              <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} data-testid="dishonest-choose">
                {t('dishonest.choose')}
              </Button>
              <Typography.Text type={file ? undefined : 'secondary'} data-testid="dishonest-file-name">
                {file ? `${file.name}（${formatBytes(file.size)}）` : t('dishonest.noFile')}
              </Typography.Text>
            </Space>
            {file && header && (
              <Typography.Text type="secondary">
                {t('dishonest.header')}
                <code className="apply-hash">{header.slice(0, 200)}</code>
              </Typography.Text>
            )}
            {fileProblem && (
              <div role="alert">
                <Typography.Text type="danger">{fileProblem}</Typography.Text>
              </div>
            )}
            <ErrorAlert error={error} title={t('dishonest.failed')} />
            {result && (
              <Alert
                type={result.problems.length ? 'warning' : 'success'}
                showIcon
                data-testid="dishonest-result"
                message={t('dishonest.done', { n: result.added })}
                description={
                  result.problems.length ? (
                    <>
                      <div>{t('dishonest.problems', { n: result.problems.length })}</div>
                      <ul className="problem-list">
                        {result.problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    </>
                  ) : undefined
                }
              />
            )}
            <div>
              <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="dishonest-submit">
                {t('dishonest.submit')}
              </Button>
            </div>
          </Space>
        </Card>
        <Card title={<h2 className="card-heading">{t('dishonest.imported')}</h2>}>
          <ErrorAlert error={lists.error} onRetry={lists.reload} />
          <div data-testid="dishonest-lists">
            <Table<DishonestList>
              rowKey={(l) => `${l.kind}|${l.source}|${l.listed_on}`}
              size="small"
              loading={lists.loading}
              columns={columns}
              dataSource={lists.data ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('dishonest.none')} /> }}
            />
          </div>
        </Card>
      </Space>
    </>
  );
}
