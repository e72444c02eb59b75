// The hooks of conditional data into the dataset page: the “申请使用” button where the data API
// says the caller may apply (action "apply"), the caller's own application or grant of the entry,
// and why files cannot be downloaded (the profile forbids it, or the grant does not include it).
import { useCallback } from 'react';
import { Alert, Space } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Entry } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { isLive } from '../review';
import { hasRole } from '../catalog';
import { CaseStateTag, Countdown } from '../components/ReviewBits';
import { applyApi } from './api';
import type { ApplicationSummary, Grant } from './api';
import { GrantStateTag } from './bits';
import { useApplyPolicy, useHoldersPublished } from './policy';

/** The link to the wizard, for a refusal whose action is "apply" (nothing where none is taken). */
export function ApplyAction({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  const policy = useApplyPolicy();
  if (!policy.available) return null;
  return (
    <Link
      to={`/apply/${encodeURIComponent(entry.code)}`}
      className="link-button small primary"
      data-testid="apply-button"
    >
      <FormOutlined /> {t('apply.button')}
    </Link>
  );
}

/** The signed-in user's applications and grants of this entry (the holder's side). */
export function useMine(entry: Entry): { applications: ApplicationSummary[]; grants: Grant[] } {
  const { user } = useAuth();
  const on = !!user && entry.open_attribute === 'conditional';
  const load = useCallback(async () => {
    if (!on || !user) return { applications: [], grants: [] };
    const orgs = new Set(user.orgs.map((o) => o.org_id));
    const [a, g] = await Promise.all([applyApi.list(), applyApi.grants()]);
    return {
      applications: a.items.filter(
        (c) =>
          c.subject_code === entry.code &&
          (c.parties ?? []).some((p) => p.role === 'applicant' && p.user_id === user.id),
      ),
      grants: g.items.filter(
        (x) =>
          x.entry_code === entry.code &&
          (x.holder_user_id === user.id || (x.holder_org_id !== null && orgs.has(x.holder_org_id))),
      ),
    };
  }, [on, user, entry.code]);
  const mine = useLoad(load, `${entry.code}:${user?.id ?? ''}`);
  return mine.data ?? { applications: [], grants: [] };
}

/** On a conditional entry: the caller's open application and grant, with links; the public list. */
export function MyApplicationNotice({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  const { applications, grants } = useMine(entry);
  const holders = useHoldersPublished();
  if (entry.open_attribute !== 'conditional') return null;
  const open = applications.filter(isLive);
  const grant = grants.find((g) => g.state === 'active') ?? grants[0];
  const last = open[0] ?? (grant ? undefined : applications[0]);
  if (!last && !grant && !holders) return null;
  return (
    <Space direction="vertical" size="small" style={{ width: '100%', marginTop: 12 }} data-testid="my-application">
      {grant && (
        <Alert
          type={grant.state === 'active' ? 'success' : 'warning'}
          showIcon
          data-testid="my-grant"
          message={
            <Space size={8} wrap>
              <span>{t('apply.ds.grant', { to: grant.expires_on })}</span>
              <GrantStateTag state={grant.state} />
            </Space>
          }
          action={
            <Link to={`/grants/${grant.id}`} data-testid="my-grant-link">
              {t('apply.ds.viewGrant')}
            </Link>
          }
        />
      )}
      {last && (
        <Alert
          type={isLive(last) ? 'info' : 'warning'}
          showIcon
          data-testid="my-application-notice"
          message={
            <Space size={8} wrap>
              <span>{t(isLive(last) ? 'apply.ds.open' : 'apply.ds.last')}</span>
              <CaseStateTag value={last.state} />
              {isLive(last) && <span>{last.stage?.label}</span>}
              <Countdown c={last} />
            </Space>
          }
          action={
            <Link to={`/applications/${last.id}`} data-testid="my-application-link">
              {t('apply.ds.viewApplication')}
            </Link>
          }
        />
      )}
      {holders && (
        <Link to="/grant-holders" data-testid="holders-link">
          {t('holders.title')}
        </Link>
      )}
    </Space>
  );
}

/**
 * Why files of conditional data cannot be downloaded here, or null: the profile forbids download
 * of conditional data (Zhejiang art. 20), or the caller's grant does not include it.
 */
export function useConditionalDownloadRefusal(entry: Entry): string | null {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const policy = useApplyPolicy();
  const { grants } = useMine(entry);
  if (entry.open_attribute !== 'conditional') return null;
  // The entry's own staff (its provider, the authority, administrators) read it all.
  if (hasRole(user, 'admin', 'authority') || user?.orgs.some((o) => o.org_id === entry.provider_id)) return null;
  if (!policy.downloadable) return t('apply.ds.noDownload', { label: label('open', 'conditional') });
  const grant = grants.find((g) => g.state === 'active');
  if (grant && !grant.channels.some((c) => c.code === 'download')) return t('apply.ds.grantNoDownload');
  return null;
}
