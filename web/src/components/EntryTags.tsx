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

/** Marks industry and social data (CAT-7): published by an enterprise, university or institute. */
export function SectorTag({ nonGovernment }: { nonGovernment?: boolean }) {
  const { t } = useI18n();
  if (!nonGovernment) return null;
  return (
    <Tag color="gold" data-testid="social-tag" title={t('entry.socialDataHint')}>
      {t('entry.socialData')}
    </Tag>
  );
}
