import { Tag } from 'antd';
import { useI18n } from '../i18n';
import { OPEN_COLORS, SECURITY_COLORS, STATE_COLORS, VERSION_COLORS } from '../catalog';

export function OpenTag({ value }: { value: string }) {
  const { label } = useI18n();
  return (
    <Tag color={OPEN_COLORS[value]} data-testid="open-tag">
      {label('open', value)}
    </Tag>
  );
}

export function StateTag({ value }: { value: string }) {
  const { label } = useI18n();
  return <Tag color={STATE_COLORS[value]}>{label('state', value)}</Tag>;
}

export function VersionStateTag({ value }: { value: string }) {
  const { label } = useI18n();
  return <Tag color={VERSION_COLORS[value]}>{label('versionState', value)}</Tag>;
}

export function SecurityTag({ value }: { value: string }) {
  const { label } = useI18n();
  return (
    <Tag color={SECURITY_COLORS[value]} title={label('security', value)}>
      {value}
    </Tag>
  );
}
