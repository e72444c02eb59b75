// Uploaded materials as a form control (the application wizard, the grading application): one
// upload button per kind, PDF / PNG / JPEG checked before sending, each file listed with its size
// and SHA-256 and removable until the form is submitted.
import { useRef, useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';
import { formatBytes } from '../catalog';
import { applyApi, MATERIAL_ACCEPT, MAX_ATTACHMENT_BYTES } from './api';
import type { Attachment, AttachmentKind } from './api';
import { labelOf, Sha } from './bits';

/** The uploaded materials, a form control: one button per kind, each file with its SHA-256. */
export default function Materials({
  kinds,
  value,
  onChange,
}: {
  kinds: { kind: AttachmentKind; required: boolean }[];
  value?: Attachment[];
  onChange?: (v: Attachment[]) => void;
}) {
  const { t } = useI18n();
  const list = value ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {kinds.map((m) => (
        <MaterialSlot
          key={m.kind}
          kind={m.kind}
          required={m.required}
          items={list.filter((a) => a.kind === m.kind)}
          onAdd={(a) => onChange?.([...list, a])}
          onRemove={(id) => onChange?.(list.filter((a) => a.id !== id))}
        />
      ))}
      {list.length === 0 && <Typography.Text type="secondary">{t('apply.att.none')}</Typography.Text>}
    </Space>
  );
}

function MaterialSlot({
  kind,
  required,
  items,
  onAdd,
  onRemove,
}: {
  kind: AttachmentKind;
  required: boolean;
  items: Attachment[];
  onAdd: (a: Attachment) => void;
  onRemove: (id: number) => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const name = labelOf(t, 'apply.kind', kind);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (file.size === 0) return setProblem(t('apply.v.fileEmpty', { name: file.name }));
    if (file.size > MAX_ATTACHMENT_BYTES) return setProblem(t('apply.v.fileTooBig', { name: file.name }));
    if (!/\.(pdf|png|jpe?g)$/i.test(file.name) && !/^(application\/pdf|image\/(png|jpeg))$/.test(file.type)) {
      return setProblem(t('apply.v.fileType', { name: file.name }));
    }
    setBusy(true);
    try {
      onAdd(await applyApi.upload(kind, file, file.name));
    } catch (err) {
      setProblem(errorMessage(err, t));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div data-testid={`apply-material-${kind}`}>
      <Space wrap align="center">
        <Typography.Text strong>
          {name}
          {required ? <Tag color="red" style={{ marginLeft: 8 }}>{t('apply.requiredTag')}</Tag> : <Tag style={{ marginLeft: 8 }}>{t('apply.optionalTag')}</Tag>}
        </Typography.Text>
        <input
          ref={input}
          type="file"
          accept={MATERIAL_ACCEPT}
          hidden
          aria-hidden="true"
          tabIndex={-1}
          data-testid={`apply-file-${kind}`}
          onChange={(ev) => void pick(ev.target.files?.[0])}
        />
        <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid={`apply-upload-${kind}`}>
          {t('apply.uploadKind', { name })}
        </Button>
      </Space>
      {problem && (
        <div role="alert">
          <Typography.Text type="danger">{problem}</Typography.Text>
        </div>
      )}
      {items.length > 0 && (
        <ul className="problem-list" style={{ marginTop: 8 }}>
          {items.map((a) => (
            <li key={a.id} data-testid="apply-uploaded" data-kind={a.kind}>
              <Space size={8} wrap>
                <Typography.Text>{a.file_name}</Typography.Text>
                <Typography.Text type="secondary">{formatBytes(a.size)}</Typography.Text>
                <Button
                  size="small"
                  type="link"
                  icon={<DeleteOutlined />}
                  onClick={() => onRemove(a.id)}
                  aria-label={t('apply.removeFile', { name: a.file_name })}
                >
                  {t('apply.remove')}
                </Button>
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  SHA-256：
                </Typography.Text>
                <Sha value={a.sha256} testId="apply-uploaded-sha" />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
