// The interactive API reference: Swagger UI over the server's own /api/openapi.json, loaded on
// this page only (a dynamic import keeps it out of the main bundle) and served from our build,
// so it works without any outside network. "试一试" calls the API from the page with the
// visitor's session; a signed-in visitor's changes carry the CSRF token.
import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import { getCsrfToken } from '../api';
import { useI18n } from '../i18n';
import { localizeSwagger } from './swaggerZh';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export default function SwaggerView() {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    let stop: (() => void) | undefined;
    (async () => {
      const [{ default: SwaggerUI }] = await Promise.all([
        import('swagger-ui'),
        import('swagger-ui/dist/swagger-ui.css'),
      ]);
      await import('./swagger-a11y.css'); // after swagger-ui.css: its rules win at equal specificity
      const node = box.current;
      if (cancelled || !node) return;
      stop = localizeSwagger(node);
      SwaggerUI({
        domNode: node,
        url: '/api/openapi.json',
        deepLinking: false,
        docExpansion: 'list',
        defaultModelsExpandDepth: -1,
        displayRequestDuration: true,
        filter: true,
        showExtensions: true,
        requestInterceptor: (req) => {
          const token = getCsrfToken();
          if (token && UNSAFE.has((req.method ?? 'GET').toUpperCase())) req.headers['X-CSRF-Token'] = token;
          return req;
        },
        onComplete: () => {
          if (!cancelled) setState('ready');
        },
      });
    })().catch(() => {
      if (!cancelled) setState('failed');
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  return (
    <div>
      {state === 'loading' && <Spin tip={t('apiDocs.viewerLoading')}><div style={{ minHeight: 80 }} /></Spin>}
      {state === 'failed' && <Alert type="error" showIcon message={t('apiDocs.viewerFailed')} />}
      <div ref={box} data-testid="api-reference" lang="zh-CN" />
    </div>
  );
}
