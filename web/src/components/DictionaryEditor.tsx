import { useEffect, useRef } from 'react';
import { Button, Input, InputNumber, Select, Space, Switch, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { InputRef } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Field } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { emptyField, FIELD_CHECKS, FIELD_TYPES, normalizeField, SECURITY_LEVELS } from '../catalog';

/** A dictionary row in the editor: the field plus a key that survives reordering. */
export interface DictRow extends Field {
  uid: string;
}

/** Messages by `${uid}:${column}`; `${uid}:` for the row as a whole. */
export type DictErrors = Record<string, string>;

/** Moves the focus to the control of a cell with an error (scrolling the table to it). */
export function focusDictError(key: string): void {
  const [u, col] = key.split(':');
  const el =
    document.querySelector<HTMLElement>(`[aria-describedby="${u}-${col}-error"]`) ??
    document.querySelector<HTMLElement>(`[data-row-name="${u}"]`);
  el?.focus();
}

let nextUid = 1;
const uid = () => `f${nextUid++}`;

export function toRows(fields: Field[] | undefined): DictRow[] {
  return (fields ?? []).map((f) => ({ ...normalizeField(f), uid: uid() }));
}

const blankToNull = (v: string | number | null | undefined) =>
  v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim();

/** The fields as the API takes them: trimmed, empty bounds as null. */
export function fromRows(rows: DictRow[]): Field[] {
  return rows.map(({ uid: _uid, ...f }) => ({
    ...f,
    name: f.name.trim(),
    label: f.label.trim(),
    unit: f.unit.trim(),
    description: f.description.trim(),
    pattern: f.pattern.trim(),
    allowed_values: f.allowed_values.map((v) => v.trim()).filter(Boolean),
    min: blankToNull(f.min),
    max: blankToNull(f.max),
    length: f.length ?? null,
    check: f.type === 'text' ? f.check : '',
  }));
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The checks the browser can make before the server makes them all. */
export function validateRows(rows: DictRow[], t: T): DictErrors {
  const errors: DictErrors = {};
  const seen = new Map<string, string>();
  for (const r of rows) {
    const name = r.name.trim();
    if (!name) errors[`${r.uid}:name`] = t('dict.nameRequired');
    else if (seen.has(name)) errors[`${r.uid}:name`] = t('dict.nameDuplicate', { name });
    else seen.set(name, r.uid);
    const numeric = r.type === 'integer' || r.type === 'decimal';
    const lo = blankToNull(r.min);
    const hi = blankToNull(r.max);
    for (const [col, v] of [
      ['min', lo],
      ['max', hi],
    ] as const) {
      if (v === null) continue;
      if (numeric && Number.isNaN(Number(v))) errors[`${r.uid}:${col}`] = t('dict.boundNumber');
      if ((r.type === 'date' || r.type === 'datetime') && !/^\d{4}-\d{2}-\d{2}/.test(v)) {
        errors[`${r.uid}:${col}`] = t('dict.boundDate');
      }
    }
    if (lo !== null && hi !== null && !errors[`${r.uid}:min`] && !errors[`${r.uid}:max`]) {
      const bad = numeric ? Number(lo) > Number(hi) : lo > hi;
      if (bad) errors[`${r.uid}:max`] = t('dict.boundOrder');
    }
  }
  return errors;
}

interface Props {
  value: DictRow[];
  onChange: (rows: DictRow[]) => void;
  errors: DictErrors;
  disabled?: boolean;
}

/** An editable table of dictionary fields: add, remove, reorder, edit every attribute. */
export default function DictionaryEditor({ value, onChange, errors, disabled }: Props) {
  const { t, label } = useI18n();
  const focusUid = useRef<string | null>(null);
  const inputs = useRef(new Map<string, InputRef | null>());

  useEffect(() => {
    if (focusUid.current) {
      inputs.current.get(focusUid.current)?.focus();
      focusUid.current = null;
    }
  });

  const patch = (u: string, change: Partial<Field>) =>
    onChange(value.map((r) => (r.uid === u ? { ...r, ...change } : r)));
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= value.length) return;
    const next = value.slice();
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  const add = () => {
    const row = { ...emptyField(), uid: uid() };
    focusUid.current = row.uid;
    onChange([...value, row]);
  };
  const remove = (u: string) => onChange(value.filter((r) => r.uid !== u));

  /** aria-label for a cell's control: "第 3 行 字段名". */
  const cellLabel = (i: number, col: MessageKey) => t('dict.cell', { n: i + 1, col: t(col) });
  const err = (r: DictRow, col: string) => errors[`${r.uid}:${col}`];
  const errNode = (r: DictRow, col: string) =>
    err(r, col) ? (
      <div className="cell-error" id={`${r.uid}-${col}-error`} role="alert">
        {err(r, col)}
      </div>
    ) : null;
  const errProps = (r: DictRow, col: string) =>
    err(r, col)
      ? { status: 'error' as const, 'aria-invalid': true, 'aria-describedby': `${r.uid}-${col}-error` }
      : {};

  const text = (col: keyof Field & string, msg: MessageKey, width: number, extra: object = {}) => ({
    title: t(msg),
    key: col,
    render: (_: unknown, r: DictRow, i: number) => (
      <>
        <Input
          value={String(r[col] ?? '')}
          onChange={(e) => patch(r.uid, { [col]: e.target.value })}
          aria-label={cellLabel(i, msg)}
          style={{ width }}
          disabled={disabled}
          {...errProps(r, col)}
          {...extra}
        />
        {errNode(r, col)}
      </>
    ),
  });

  const columns: ColumnsType<DictRow> = [
    {
      title: t('dict.order'),
      key: 'order',
      fixed: 'left',
      width: 96,
      render: (_, _r, i) => (
        <Space size={2}>
          <span style={{ minWidth: 20, display: 'inline-block' }}>{i + 1}</span>
          <Tooltip title={t('dict.moveUp')}>
            <Button
              size="small"
              type="text"
              icon={<ArrowUpOutlined />}
              aria-label={t('dict.moveUpRow', { n: i + 1 })}
              disabled={disabled || i === 0}
              onClick={() => move(i, -1)}
            />
          </Tooltip>
          <Tooltip title={t('dict.moveDown')}>
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              aria-label={t('dict.moveDownRow', { n: i + 1 })}
              disabled={disabled || i === value.length - 1}
              onClick={() => move(i, 1)}
            />
          </Tooltip>
        </Space>
      ),
    },
    {
      title: <span className="required-mark">{t('field.name')}</span>,
      key: 'name',
      render: (_, r, i) => (
        <>
          <Input
            ref={(el) => {
              inputs.current.set(r.uid, el);
            }}
            value={r.name}
            onChange={(e) => patch(r.uid, { name: e.target.value })}
            aria-label={cellLabel(i, 'field.name')}
            aria-required
            data-row-name={r.uid}
            style={{ width: 140 }}
            spellCheck={false}
            disabled={disabled}
            {...errProps(r, 'name')}
          />
          {errNode(r, 'name')}
          {errNode(r, '')}
        </>
      ),
    },
    text('label', 'field.label', 140),
    {
      title: t('field.type'),
      key: 'type',
      render: (_, r, i) => (
        <>
          <Select
            value={r.type}
            onChange={(v: string) => patch(r.uid, { type: v as Field['type'] })}
            aria-label={cellLabel(i, 'field.type')}
            style={{ width: 120 }}
            disabled={disabled}
            options={FIELD_TYPES.map((v) => ({ value: v, label: label('fieldType', v) }))}
            {...errProps(r, 'type')}
          />
          {errNode(r, 'type')}
        </>
      ),
    },
    {
      title: t('field.length'),
      key: 'length',
      render: (_, r, i) => (
        <>
          <InputNumber
            value={r.length}
            min={1}
            precision={0}
            onChange={(v) => patch(r.uid, { length: v === null ? null : Number(v) })}
            aria-label={cellLabel(i, 'field.length')}
            style={{ width: 90 }}
            disabled={disabled}
            {...errProps(r, 'length')}
          />
          {errNode(r, 'length')}
        </>
      ),
    },
    {
      title: t('field.nullable'),
      key: 'nullable',
      render: (_, r, i) => (
        <Switch
          checked={r.nullable}
          onChange={(v) => patch(r.uid, { nullable: v })}
          aria-label={cellLabel(i, 'field.nullable')}
          disabled={disabled}
        />
      ),
    },
    {
      title: t('field.key'),
      key: 'key',
      render: (_, r, i) => (
        <Switch
          checked={r.key}
          onChange={(v) => patch(r.uid, v ? { key: true, nullable: false } : { key: false })}
          aria-label={cellLabel(i, 'field.key')}
          disabled={disabled}
        />
      ),
    },
    text('unit', 'field.unit', 80),
    {
      title: t('field.allowedValues'),
      key: 'allowed_values',
      render: (_, r, i) => (
        <>
          <Select
            mode="tags"
            value={r.allowed_values}
            onChange={(v: string[]) => patch(r.uid, { allowed_values: v })}
            tokenSeparators={[',', '，', '、']}
            notFoundContent={null}
            placeholder={t('dict.allowedHint')}
            aria-label={cellLabel(i, 'field.allowedValues')}
            style={{ width: 200 }}
            disabled={disabled}
            {...errProps(r, 'allowed_values')}
          />
          {errNode(r, 'allowed_values')}
        </>
      ),
    },
    text('pattern', 'field.pattern', 160, { spellCheck: false }),
    {
      title: t('field.min'),
      key: 'min',
      render: (_, r, i) => (
        <>
          <Input
            value={r.min === null ? '' : String(r.min)}
            onChange={(e) => patch(r.uid, { min: e.target.value })}
            aria-label={cellLabel(i, 'field.min')}
            placeholder={r.type === 'date' || r.type === 'datetime' ? '2000-01-01' : ''}
            style={{ width: 110 }}
            disabled={disabled}
            {...errProps(r, 'min')}
          />
          {errNode(r, 'min')}
        </>
      ),
    },
    {
      title: t('field.max'),
      key: 'max',
      render: (_, r, i) => (
        <>
          <Input
            value={r.max === null ? '' : String(r.max)}
            onChange={(e) => patch(r.uid, { max: e.target.value })}
            aria-label={cellLabel(i, 'field.max')}
            placeholder={r.type === 'date' || r.type === 'datetime' ? '2099-12-31' : ''}
            style={{ width: 110 }}
            disabled={disabled}
            {...errProps(r, 'max')}
          />
          {errNode(r, 'max')}
        </>
      ),
    },
    {
      title: t('field.securityGrade'),
      key: 'security_grade',
      render: (_, r, i) => (
        <>
          <Select
            value={r.security_grade}
            onChange={(v: string) => patch(r.uid, { security_grade: v })}
            aria-label={cellLabel(i, 'field.securityGrade')}
            style={{ width: 150 }}
            disabled={disabled}
            options={SECURITY_LEVELS.map((v) => ({ value: v, label: label('security', v) }))}
            {...errProps(r, 'security_grade')}
          />
          {errNode(r, 'security_grade')}
        </>
      ),
    },
    {
      title: t('field.check'),
      key: 'check',
      render: (_, r, i) => (
        <>
          <Select
            value={r.type === 'text' ? r.check : ''}
            onChange={(v: string) => patch(r.uid, { check: v })}
            aria-label={cellLabel(i, 'field.check')}
            style={{ width: 170 }}
            disabled={disabled || r.type !== 'text'}
            options={FIELD_CHECKS.map((v) => ({ value: v, label: label('check', v || 'none') }))}
            {...errProps(r, 'check')}
          />
          {errNode(r, 'check')}
        </>
      ),
    },
    text('description', 'field.description', 200),
    {
      title: t('common.actions'),
      key: 'remove',
      fixed: 'right',
      render: (_, r, i) => (
        <Button
          danger
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t('dict.removeRow', { n: i + 1, name: r.name || '' })}
          disabled={disabled}
          onClick={() => remove(r.uid)}
        />
      ),
    },
  ];

  return (
    <div className="dict-editor" data-testid="dictionary-editor">
      <Table<DictRow>
        rowKey="uid"
        size="small"
        columns={columns}
        dataSource={value}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('dict.editorEmpty') }}
      />
      <Button icon={<PlusOutlined />} onClick={add} disabled={disabled} style={{ marginTop: 12 }}>
        {t('dict.add')}
      </Button>
    </div>
  );
}
