// On the case page of a publication case that carries an update of published data: which version
// replaces which, the path it took and why.
import { Card, Descriptions, Typography } from 'antd';
import { useI18n } from '../i18n';

export interface CaseUpdate {
  path: 'direct' | 'review' | string;
  version_number: number;
  replaces_version_id: number;
  replaces_version_number: number;
  reasons: string[];
  basis: string;
}

export default function UpdateCaseCard({ update }: { update: CaseUpdate }) {
  const { t } = useI18n();
  const direct = update.path === 'direct';
  return (
    <Card title={<h2 className="card-heading">{t('updates.caseTitle')}</h2>} data-testid="case-update">
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          {
            key: 'versions',
            label: t('updates.caseVersions'),
            children: t('updates.caseReplaces', { n: update.version_number, m: update.replaces_version_number }),
          },
          { key: 'path', label: t('updates.casePath'), children: direct ? t('updates.direct') : t('updates.review') },
          {
            key: 'why',
            label: t('updates.why'),
            children: (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {update.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ),
          },
          ...(update.basis
            ? [{ key: 'basis', label: t('updates.caseBasis'), children: <Typography.Text>{update.basis}</Typography.Text> }]
            : []),
        ]}
      />
    </Card>
  );
}
