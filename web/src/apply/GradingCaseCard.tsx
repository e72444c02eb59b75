// A grading application's panel on the generic case page (/console/cases/:id): who asks for which
// grade, the evidence and materials, the grade held now; at the last stage (the rating, Lishui
// art. 10: the authority with the providers and experts) the decision — the grade and the
// experts' opinion — which only this card can give.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { CaseDetail } from '../api';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';
import ErrorAlert from '../components/ErrorAlert';
import { isLive } from '../review';
import { applyApi, isGradingPanel } from './api';
import { AttachmentTable, labelOf } from './bits';

/** Whether approving now decides the grade (the case's last stage), so the generic button must not. */
export function decidesGrade(c: CaseDetail): boolean {
  return c.type === 'user_grading' && isLive(c) && c.stage_index === (c.stages?.length ?? 0) - 1;
}

export default function GradingCaseCard({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useI18n();
  const p = isGradingPanel(c.panel) ? c.panel : null;
  if (!p) return null;
  const ev = p.evidence ?? {};
  const show = (v: string | number | undefined) => (v === undefined || v === '' || v === 0 ? '—' : v);
  const mayDecide = decidesGrade(c) && c.may_act && (c.allowed_actions ?? []).some((a) => a.code === 'approve');
  return (
    <Card title={<h2 className="card-heading">{t('gradingCase.title')}</h2>} data-testid="case-grading">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'subject', label: t('grading.subject'), children: `${p.subject_name}（${labelOf(t, 'grades.kindOf', p.subject_kind)}）` },
            { key: 'asked', label: t('gradingCase.asked'), children: <Tag color="blue">{p.grade_asked}</Tag> },
            { key: 'current', label: t('gradingCase.current'), children: p.current_grade ? <Tag>{p.current_grade}</Tag> : t('myGrade.ungraded') },
            ...(p.grade ? [{ key: 'decided', label: t('gradingCase.decided'), children: <Tag color="green">{p.grade}</Tag> }] : []),
            { key: 'level', label: t('myGrade.protectionLevel'), children: show(ev.protection_level) },
            { key: 'filing', label: t('myGrade.filingNo'), children: show(ev.protection_filing_no) },
            { key: 'type', label: t('grading.enterpriseType'), children: show(ev.enterprise_type) },
            { key: 'certs', label: t('grading.certificates'), children: show(ev.certificates) },
            { key: 'credit', label: t('grading.creditCheck'), children: show(ev.credit_check) },
            { key: 'note', label: t('myGrade.note'), children: show(ev.note) },
            ...(p.expert_opinion ? [{ key: 'opinion', label: t('gradingCase.opinion'), children: p.expert_opinion }] : []),
          ]}
        />
        <AttachmentTable items={p.attachments ?? []} testId="grading-attachments" />
        {mayDecide && <Decision c={c} levels={p.levels} asked={p.grade_asked} onDone={onDone} />}
      </Space>
    </Card>
  );
}

function Decision({ c, levels, asked, onDone }: { c: CaseDetail; levels: string[]; asked: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ grade: string; expert_opinion: string; comment?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const submit = async () => {
    let v: { grade: string; expert_opinion: string; comment?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await applyApi.actOnGrading(c.id, {
        action: 'approve',
        grade: v.grade,
        expert_opinion: v.expert_opinion.trim(),
        comment: (v.comment ?? '').trim(),
      });
      void message.success(t('gradingCase.done', { grade: v.grade }));
      onDone();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && (err.field === 'grade' || err.field === 'expert_opinion')) {
        form.setFields([{ name: err.field, errors: [errorMessage(err, t)] }]);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="grading-decision">
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('gradingCase.decide')}
      </Typography.Title>
      <Form form={form} layout="vertical" name="grading-decision" initialValues={{ grade: asked }} style={{ maxWidth: 640 }}>
        <Form.Item label={t('gradingCase.decided')} name="grade" rules={[{ required: true, message: t('grading.gradeRequired') }]}>
          <Select options={levels.map((l) => ({ value: l, label: l }))} data-testid="grading-grade" />
        </Form.Item>
        <Form.Item
          label={t('gradingCase.opinion')}
          name="expert_opinion"
          extra={t('gradingCase.opinionHelp')}
          rules={[{ required: true, whitespace: true, message: t('gradingCase.opinionNeeded') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="grading-opinion" />
        </Form.Item>
        <Form.Item label={t('caseAction.commentOptional')} name="comment">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="grading-approve">
          {t('gradingCase.approve')}
        </Button>
      </Form>
    </div>
  );
}
