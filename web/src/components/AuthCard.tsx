import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A narrow centred card for the login, register and verification forms. */
export default function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '32px 16px' }}>
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <Typography.Title level={2} style={{ marginTop: 0, fontSize: 24 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </div>
  );
}
