// The inbox's read state on a page: messages marked read show as read at once, the server is
// told, and the top bar's unread badge is asked to refresh. Used by 待办 and 用户中心.
import { useMemo, useState } from 'react';
import { App } from 'antd';
import { reviewApi } from './api';
import type { InboxItem } from './api';
import { errorMessage } from './errors';
import { useI18n } from './i18n';
import { notifyInboxChanged } from './review';

export function useInboxReading(loaded: InboxItem[] | undefined, onAllRead?: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [readNow, setReadNow] = useState<Set<number>>(new Set());
  const all = useMemo(
    () => (loaded ?? []).map((m) => (readNow.has(m.id) ? { ...m, read: true } : m)),
    [loaded, readNow],
  );
  const unread = all.filter((m) => !m.read);

  const markRead = async (m: InboxItem) => {
    if (m.read) return;
    setReadNow((s) => new Set(s).add(m.id));
    try {
      await reviewApi.markRead(m.id);
      notifyInboxChanged();
    } catch (err) {
      void message.error(errorMessage(err, t));
    }
  };

  const markAll = async () => {
    try {
      await Promise.all(unread.map((m) => reviewApi.markRead(m.id)));
      setReadNow((s) => {
        const n = new Set(s);
        unread.forEach((m) => n.add(m.id));
        return n;
      });
      notifyInboxChanged();
      onAllRead?.();
    } catch (err) {
      void message.error(errorMessage(err, t));
    }
  };

  return { all, unread, markRead, markAll };
}
