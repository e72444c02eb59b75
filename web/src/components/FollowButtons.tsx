// 收藏 and 订阅更新 on a published dataset's page, for signed-in users: two toggle buttons
// (aria-pressed) that show whether the user follows the dataset and change it.
import { useCallback, useState } from 'react';
import { App, Button, Space } from 'antd';
import { BellFilled, BellOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';
import { useLoad } from '../useLoad';
import { usercentreApi } from '../usercentreApi';
import type { FollowKind, FollowState } from '../usercentreApi';

export default function FollowButtons({ code }: { code: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const load = useCallback(() => usercentreApi.followState(code), [code]);
  const loaded = useLoad(load, code);
  // What the user changed here since the state was loaded.
  const [local, setLocal] = useState<Partial<FollowState>>({});
  const [busy, setBusy] = useState<FollowKind | null>(null);
  const state: FollowState = { favourite: false, subscribed: false, ...loaded.data, ...local };

  const toggle = async (kind: FollowKind) => {
    const key = kind === 'favourites' ? 'favourite' : 'subscribed';
    const on = !state[key];
    setBusy(kind);
    try {
      if (on) await usercentreApi.follow(kind, code);
      else await usercentreApi.unfollow(kind, code);
      setLocal((s) => ({ ...s, [key]: on }));
      const done =
        kind === 'favourites'
          ? on
            ? 'follow.favouriteDone'
            : 'follow.unfavouriteDone'
          : on
            ? 'follow.subscribeDone'
            : 'follow.unsubscribeDone';
      void message.success(t(done));
    } catch (err) {
      void message.error(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };

  // The buttons wait for the state; if it cannot be had they still work (they start "off").
  const waiting = loaded.loading && !loaded.data;
  return (
    <Space wrap size="small" role="group" aria-label={t('follow.group')} data-testid="follow-buttons">
      <Button
        icon={state.favourite ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined />}
        aria-pressed={state.favourite}
        loading={busy === 'favourites'}
        disabled={waiting}
        onClick={() => void toggle('favourites')}
        data-testid="follow-favourite"
      >
        {state.favourite ? t('follow.favourited') : t('follow.favourite')}
      </Button>
      <Button
        icon={state.subscribed ? <BellFilled style={{ color: '#1f5fbf' }} /> : <BellOutlined />}
        aria-pressed={state.subscribed}
        loading={busy === 'subscriptions'}
        disabled={waiting}
        onClick={() => void toggle('subscriptions')}
        data-testid="follow-subscribe"
      >
        {state.subscribed ? t('follow.subscribed') : t('follow.subscribe')}
      </Button>
    </Space>
  );
}
