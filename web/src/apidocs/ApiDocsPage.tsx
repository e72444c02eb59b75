// API documentation (issues 4 and 12): how to call the platform, then the interactive reference
// (Swagger UI) over the server's own OpenAPI 3.1 description, generated from the router's table
// so it never drifts from the routes.
import { Card, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import SwaggerView from './SwaggerView';

export default function ApiDocsPage() {
  const { t } = useI18n();
  const origin = window.location.origin;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="api-docs">
      <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
        {t('apiDocs.title')}
      </Typography.Title>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('apiDocs.start')}</h2>}>
        <Typography.Paragraph>{t('apiDocs.intro')}</Typography.Paragraph>
        <pre className="code-sample" tabIndex={0}>
          {[
            `curl '${origin}/api/v1/catalog?q=%E4%BA%A4%E9%80%9A'`,
            `curl -G '${origin}/api/v1/datasets/370700-JT-0001/rows' \\`,
            `  --data-urlencode '$limit=5'`,
            `curl -H 'X-App-Token: <API 密钥>' '${origin}/resource/370700-JT-0001.json?$limit=5'`,
            `curl -fL -o data.csv '${origin}/api/v1/datasets/370700-JT-0001/download?format=csv&bom=1'`,
          ].join('\n')}
        </pre>
        <Typography.Paragraph>{t('apiDocs.auth')}</Typography.Paragraph>
        <Typography.Paragraph>{t('apiDocs.errors')}</Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('apiDocs.compat')} <a href="/api/openapi.json">/api/openapi.json</a> · <a href="/catalog.ttl">/catalog.ttl</a>{' '}
          · <a href="/catalog.jsonld">/catalog.jsonld</a> · <a href="/api/3/action/package_list">/api/3/action/package_list</a>
        </Typography.Paragraph>
      </Card>
      <section aria-labelledby="api-reference-title">
        <Typography.Title level={2} style={{ fontSize: 20 }} id="api-reference-title">
          {t('apiDocs.reference')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('apiDocs.referenceLead')}</Typography.Paragraph>
        <SwaggerView />
      </section>
    </Space>
  );
}
