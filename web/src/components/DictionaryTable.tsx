import { Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Field } from '../api';
import { useI18n } from '../i18n';
import { SecurityTag } from './EntryTags';

interface Props {
  fields: Field[];
  /** Shown when there are no fields. */
  emptyText?: string;
  testId?: string;
}

type Row = Field & { _row: number };

function range(f: Field): string {
  const has = (v: unknown) => v !== null && v !== undefined && v !== '';
  if (!has(f.min) && !has(f.max)) return '';
  return `${has(f.min) ? String(f.min) : '…'} ~ ${has(f.max) ? String(f.max) : '…'}`;
}

/** The data dictionary (CAT-2), read-only. */
export default function DictionaryTable({ fields, emptyText, testId = 'dictionary' }: Props) {
  const { t, label } = useI18n();
  const yes = t('common.yes');
  const no = t('common.no');

  const columns: ColumnsType<Row> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('field.label'), dataIndex: 'label', key: 'label' },
    {
      title: t('field.type'),
      dataIndex: 'type',
      key: 'type',
      render: (v: string) => label('fieldType', v),
    },
    {
      title: t('field.length'),
      dataIndex: 'length',
      key: 'length',
      align: 'right',
      render: (v: number | null) => v ?? '',
    },
    {
      title: t('field.nullable'),
      dataIndex: 'nullable',
      key: 'nullable',
      render: (v: boolean) => (v ? yes : no),
    },
    {
      title: t('field.key'),
      dataIndex: 'key',
      key: 'key',
      render: (v: boolean) => (v ? <Tag color="blue">{t('field.keyYes')}</Tag> : ''),
    },
    { title: t('field.unit'), dataIndex: 'unit', key: 'unit' },
    {
      title: t('field.allowedValues'),
      dataIndex: 'allowed_values',
      key: 'allowed_values',
      render: (v: string[] | undefined) =>
        (v ?? []).map((x) => (
          <Tag key={x} style={{ marginBottom: 2 }}>
            {x}
          </Tag>
        )),
    },
    {
      title: t('field.pattern'),
      dataIndex: 'pattern',
      key: 'pattern',
      render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : ''),
    },
    { title: t('field.range'), key: 'range', render: (_, f) => range(f) },
    {
      title: t('field.securityGrade'),
      dataIndex: 'security_grade',
      key: 'security_grade',
      render: (v: string) => (v ? <SecurityTag value={v} /> : ''),
    },
    {
      title: t('field.check'),
      dataIndex: 'check',
      key: 'check',
      render: (v: string) => (v ? label('check', v) : ''),
    },
    {
      title: t('field.description'),
      dataIndex: 'description',
      key: 'description',
      render: (v: string) => <span style={{ display: 'inline-block', minWidth: 160 }}>{v}</span>,
    },
  ];

  return (
    <div data-testid={testId}>
      <Table<Row>
        rowKey="_row"
        size="small"
        columns={columns}
        dataSource={fields.map((f, i) => ({ ...f, _row: i }))}
        pagination={fields.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={emptyText ?? t('dict.empty')} /> }}
      />
    </div>
  );
}
