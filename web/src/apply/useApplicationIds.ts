// The ids of the signed-in user's applications for conditional data, so that a message about one
// of them (returned, waiting for the signature, granted …) can link to its page.
import { useCallback } from 'react';
import { useLoad } from '../useLoad';
import { applyApi } from './api';
import { useApplyPolicy } from './policy';

export function useApplicationIds(enabled: boolean): Set<number> {
  const policy = useApplyPolicy();
  const on = enabled && policy.available;
  const load = useCallback(
    () => (on ? applyApi.list().then((r) => new Set(r.items.map((c) => c.id))) : Promise.resolve(new Set<number>())),
    [on],
  );
  return useLoad(load, String(on)).data ?? new Set<number>();
}
