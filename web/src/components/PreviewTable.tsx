import { Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Field, Preview } from '../api';
import { useI18n } from '../i18n';
import CellValue from './CellValue';

interface Props {
  preview: Preview | undefined;
  fields?: Field[];
  loading?: boolean;
  emptyText?: string;
}

type Row = Record<string, unknown> & { __row: number };

/** The first rows of a version, headed by the dictionary's labels where there are some. */
export default function PreviewTable({ preview, fields, loading, emptyText }: Props) {
  const { t } = useI18n();
  const labels = new Map((fields ?? []).map((f) => [f.name, f.label]));
  const columns: ColumnsType<Row> = (preview?.columns ?? []).map((c) => {
    const l = labels.get(c);
    return {
      key: c,
      dataIndex: c,
      title:
        l && l !== c ? (
          <span>
            {l}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {c}
            </Typography.Text>
          </span>
        ) : (
          c
        ),
      render: (v: unknown) => <CellValue value={v} />,
    };
  });
  const rows: Row[] = (preview?.rows ?? []).map((r, i) => ({ ...r, __row: i }));
  return (
    <div data-testid="preview">
      <Table<Row>
        rowKey="__row"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={emptyText ?? t('preview.empty')} /> }}
      />
    </div>
  );
}
