// The conditional application's panel on the generic case page (/console/cases/:id, where the
// 待办 inbox leads): who applies for which data, and the way to the application page, where the
// agreement is signed, the provider narrows the grant and a refusal names its legal ground.
import { Card, Descriptions } from 'antd';
import type { CaseDetail } from '../api';
import { useI18n } from '../i18n';
import LinkButton from '../components/LinkButton';
import { isApplicationPanel } from './api';
import { ChannelTags, GrantStateTag } from './bits';

export default function ApplicationCaseCard({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const p = isApplicationPanel(c.panel) ? c.panel : null;
  return (
    <Card
      title={<h2 className="card-heading">{t('apply.application')}</h2>}
      data-testid="case-application"
      extra={
        <LinkButton to={`/applications/${c.id}`} primary small>
          {c.may_act ? t('apply.case.act') : t('apply.case.open')}
        </LinkButton>
      }
    >
      {p && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'applicant', label: t('apply.applicant'), children: p.applicant_name },
            { key: 'provider', label: t('entry.provider'), children: p.provider_name },
            { key: 'app', label: t('apply.f.app_name'), children: p.form?.app_name || '—' },
            { key: 'fields', label: t('apply.f.fields'), children: t('grant.fieldCount', { n: (p.fields ?? []).length }) },
            { key: 'channels', label: t('apply.f.channels'), children: <ChannelTags codes={p.channels ?? []} /> },
            { key: 'months', label: t('apply.f.months'), children: t('apply.monthsN', { n: p.months }) },
            ...(p.grant ? [{ key: 'grant', label: t('grant.title'), children: <GrantStateTag state={p.grant.state} /> }] : []),
          ]}
        />
      )}
    </Card>
  );
}
