// Small pieces shared by the pages of conditional data: labels of channels, kinds and states,
// the list of materials with their SHA-256, field names with their labels, and a plain renderer
// of the agreement's markdown (headings, numbered items, paragraphs; no dependency).
import { useCallback } from 'react';
import type { ReactNode } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PaperClipOutlined } from '@ant-design/icons';
import { catalogApi } from '../api';
import type { Field } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useLoad } from '../useLoad';
import { formatBytes } from '../catalog';
import { applyApi } from './api';
import type { Attachment } from './api';
import './apply.css';

type T = ReturnType<typeof useI18n>['t'];

/** The message `${prefix}.${value}`, or the value itself when there is none. */
export function labelOf(t: T, prefix: string, value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}

export const GRANT_STATE_COLORS: Record<string, string> = {
  active: 'green',
  suspended: 'orange',
  terminated: 'red',
};

export function GrantStateTag({ state }: { state: string }) {
  const { t } = useI18n();
  return (
    <Tag color={GRANT_STATE_COLORS[state]} data-testid="grant-state" data-state={state}>
      {labelOf(t, 'apply.grantState', state)}
    </Tag>
  );
}

export function ChannelTags({ codes }: { codes: (string | { code: string; label: string })[] }) {
  const { t } = useI18n();
  return (
    <Space size={[4, 4]} wrap data-testid="channels">
      {codes.map((c) => {
        const code = typeof c === 'string' ? c : c.code;
        return (
          <Tag key={code} color="blue">
            {labelOf(t, 'apply.channel', code)}
          </Tag>
        );
      })}
    </Space>
  );
}

/** A SHA-256 in full, breaking anywhere on a phone. */
export function Sha({ value, testId }: { value: string; testId?: string }) {
  return (
    <code className="apply-hash" data-testid={testId}>
      {value}
    </code>
  );
}

/** The dictionary of an entry, for the labels of the field names an application lists. */
export function useEntryFields(code: string | undefined): Field[] {
  const load = useCallback(
    () => (code ? catalogApi.getEntry(code).then((e) => e.fields ?? []) : Promise.resolve([] as Field[])),
    [code],
  );
  return useLoad(load, code ?? '').data ?? [];
}

/** 教师资格证书编号（teacher_cert_no）: the label with the name, or the name alone. */
export function fieldText(name: string, fields: Field[]): string {
  const f = fields.find((x) => x.name === name);
  return f && f.label && f.label !== name ? `${f.label}（${name}）` : name;
}

export function FieldList({
  names,
  fields,
  highlight,
  testId,
}: {
  names: string[];
  fields: Field[];
  /** Names shown as granted (the others struck through). */
  highlight?: string[];
  testId?: string;
}) {
  return (
    <Space size={[4, 4]} wrap data-testid={testId}>
      {names.map((n) => {
        const out = highlight && !highlight.includes(n);
        return (
          <Tag
            key={n}
            className="apply-field-tag"
            color={out ? 'default' : highlight ? 'green' : undefined}
            data-field={n}
            data-granted={out ? '0' : '1'}
          >
            {out ? <del>{fieldText(n, fields)}</del> : fieldText(n, fields)}
          </Tag>
        );
      })}
    </Space>
  );
}

/** The materials of an application (or reports), each a download link, with size and SHA-256. */
export function AttachmentTable({ items, testId = 'attachments' }: { items: Attachment[]; testId?: string }) {
  const { t } = useI18n();
  const columns: ColumnsType<Attachment> = [
    {
      title: t('apply.att.file'),
      key: 'file',
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <a href={applyApi.attachmentUrl(a.id)} download={a.file_name} data-testid="attachment-link">
            <PaperClipOutlined /> {a.file_name}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labelOf(t, 'apply.kind', a.kind)} · {formatBytes(a.size)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: 'SHA-256',
      key: 'sha',
      render: (_, a) => <Sha value={a.sha256} />,
    },
  ];
  return (
    <div data-testid={testId}>
      <Table<Attachment>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={items}
        locale={{ emptyText: t('apply.att.none') }}
        tableLayout="fixed"
      />
    </div>
  );
}

/** A form rule: a value must be given (without antd's `required`, which puts aria-required on
 * controls whose role does not take it: radio and checkbox groups, selects — axe aria-allowed-attr). */
export function given(message: string) {
  return {
    validator: (_: unknown, v: unknown) =>
      v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
        ? Promise.reject(new Error(message))
        : Promise.resolve(),
  };
}

/** Markdown as the agreement template writes it: #/## headings, "1." items, paragraphs. */
export function Markdown({ text, testId, label }: { text: string; testId?: string; label: string }) {
  const blocks: ReactNode[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) {
      const items = list;
      blocks.push(
        <ol key={`ol-${blocks.length}`}>
          {items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ol>,
      );
      list = [];
    }
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const item = /^\d+[.、]\s*(.*)$/.exec(line);
    if (item) {
      list.push(item[1]);
      continue;
    }
    flush();
    if (!line) continue;
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      // Under the page's h1 and the card's h2: # → h3, ## → h4 …
      const level = Math.min(6, h[1].length + 2);
      const H = `h${level}` as 'h3';
      blocks.push(
        <H key={`h-${blocks.length}`} className="apply-md-heading">
          {h[2]}
        </H>,
      );
    } else {
      blocks.push(<p key={`p-${blocks.length}`}>{line}</p>);
    }
  }
  flush();
  return (
    // A scrolling box the keyboard can reach (axe scrollable-region-focusable).
    <div className="apply-markdown" data-testid={testId} tabIndex={0} role="region" aria-label={label}>
      {blocks}
    </div>
  );
}
