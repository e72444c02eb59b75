// The deadlines of the active policy profile (GET /api/v1/policy, loaded once by I18nProvider):
// every stage with a deadline, the provider's catalog update, the open list's date and the
// reminder lead. Nothing here is hard-coded: another profile shows its own numbers.
import { Typography } from 'antd';
import { useI18n } from '../i18n';
import type { ActivePolicy } from '../i18n';

type Stage = ActivePolicy['procedures'][number]['stages'][number];

export function deadlineLines(
  policy: ActivePolicy,
  t: ReturnType<typeof useI18n>['t'],
  only?: string[],
): string[] {
  const lines: string[] = [];
  const deadlineOf = (s: Stage): string | null => {
    const parts: string[] = [];
    if (s.immediate) parts.push(t('deadlines.immediate'));
    else if (s.deadline_cycles > 0) parts.push(t('deadlines.cycles', { n: s.deadline_cycles }));
    else if (s.deadline_wd > 0) parts.push(t('deadlines.wd', { n: s.deadline_wd }));
    if (s.rounds.length > 0) parts.push(t('deadlines.rounds', { dates: s.rounds.join(', ') }));
    return parts.length > 0 ? parts.join('; ') : null;
  };
  // Only what a user can start here: a procedure the profile describes but this server does not
  // run yet (available: false) is not promised.
  const runs = (key: string) => policy.procedures.some((p) => p.key === key && p.enabled && p.available !== false);
  for (const p of policy.procedures) {
    if (!p.enabled || p.available === false || (only && !only.includes(p.key))) continue;
    for (const s of p.stages) {
      const d = deadlineOf(s);
      if (!d) continue;
      lines.push(
        t('deadlines.stage', { procedure: p.label, stage: s.label, assignee: s.assignee_label, deadline: d }) +
          (s.reject_needs_legal_basis ? t('deadlines.legalProof') : ''),
      );
    }
  }
  if (!only || only.includes('catalog_change')) {
    if ((policy.catalog_update_wd ?? 0) > 0) lines.push(t('deadlines.catalogUpdate', { n: policy.catalog_update_wd ?? 0 }));
  }
  if ((!only || only.includes('open_list')) && policy.open_list_due) {
    const [month, day] = policy.open_list_due.split('-');
    lines.push(t('deadlines.openListDue', { month: Number(month), day: Number(day) }));
  }
  if (!only && policy.app_publish_months > 0 && runs('conditional_application')) {
    lines.push(t('deadlines.appPublish', { label: policy.labels.conditional ?? '', n: policy.app_publish_months }));
  }
  if (!only && (policy.usage_report_months ?? 0) > 0 && runs('conditional_application')) {
    lines.push(t('deadlines.usageReport', { label: policy.labels.conditional ?? '', n: policy.usage_report_months ?? 0 }));
  }
  if (!only) lines.push(t('deadlines.reminder', { n: policy.reminder_lead_wd }));
  return lines;
}

/** The list, with a sentence naming the profile; `only` limits it to some procedures. */
export default function PolicyDeadlines({ only }: { only?: string[] }) {
  const { policy, t } = useI18n();
  if (!policy) return <Typography.Text type="secondary">{t('deadlines.loading')}</Typography.Text>;
  const lines = deadlineLines(policy, t, only);
  return (
    <div data-testid="policy-deadlines">
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {t('deadlines.lead', { name: policy.name, source: policy.source })}
      </Typography.Paragraph>
      <ul style={{ paddingInlineStart: 20, margin: 0, overflowWrap: 'anywhere' }}>
        {lines.map((l) => (
          <li key={l} style={{ marginBottom: 4 }}>
            {l}
          </li>
        ))}
      </ul>
    </div>
  );
}
