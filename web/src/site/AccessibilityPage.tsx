// 无障碍声明 (/accessibility): what the portal supports, how it is tested, what it does not do
// yet, and how to report a problem to the bureau that runs it (GB/T 37668; government websites
// publish such a statement). The contact comes from the deployment's brand.
import { Card, Typography } from 'antd';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSite } from './SiteContext';
import { siteName } from './site';

const SUPPORTS: MessageKey[] = [
  'a11y.support.keyboard',
  'a11y.support.focus',
  'a11y.support.structure',
  'a11y.support.labels',
  'a11y.support.contrast',
  'a11y.support.alt',
  'a11y.support.zoom',
  'a11y.support.motion',
  'a11y.support.language',
];
const LIMITS: MessageKey[] = ['a11y.limits.map', 'a11y.limits.data', 'a11y.limits.manual'];

export default function AccessibilityPage() {
  const { t, lang } = useI18n();
  const site = useSite();
  const c = site.contact;
  const reachable = Boolean(c.phone || c.email);
  return (
    <article className="prose-page" data-testid="a11y-statement">
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('a11y.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('a11y.lead', { name: siteName(site, lang) })}</Typography.Paragraph>

      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('a11y.standard.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('a11y.standard.body')}</Typography.Paragraph>

      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('a11y.support.title')}
      </Typography.Title>
      <ul>
        {SUPPORTS.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>

      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('a11y.testing.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('a11y.testing.body')}</Typography.Paragraph>

      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('a11y.limits.title')}
      </Typography.Title>
      <ul>
        {LIMITS.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>

      <Card
        title={<h2 className="card-heading">{t('a11y.feedback.title')}</h2>}
        style={{ marginTop: 24 }}
        data-testid="a11y-feedback"
      >
        <Typography.Paragraph>{t('a11y.feedback.body')}</Typography.Paragraph>
        {reachable ? (
          <ul>
            {c.bureau && <li>{t('a11y.feedback.bureau', { bureau: c.bureau })}</li>}
            {c.phone && (
              <li>
                {t('a11y.feedback.phone', { phone: c.phone })}
                {c.hours && t('site.footer.hours', { hours: c.hours })}
              </li>
            )}
            {c.email && (
              <li>
                {t('a11y.feedback.email')}
                <a href={`mailto:${c.email}?subject=${encodeURIComponent(t('a11y.title'))}`}>{c.email}</a>
              </li>
            )}
          </ul>
        ) : (
          <Typography.Paragraph>{t('a11y.feedback.none')}</Typography.Paragraph>
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('a11y.reviewed')}
      </Typography.Paragraph>
    </article>
  );
}
