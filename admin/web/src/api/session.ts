import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MeSchema, type Me } from '@kiosk/shared';
import { ApiError, apiGet, apiSend } from './client';

/** Who is signed in: `null` when nobody is (401), the hub's `Me` otherwise. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await apiGet('/api/auth/me', MeSchema);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const ME_QUERY_KEY = ['auth', 'me'] as const;

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in user; only for components rendered inside the signed-in shell. */
export function useCurrentUser(): Me {
  const me = useMe().data;
  if (!me) throw new Error('useCurrentUser outside the signed-in shell');
  return me;
}

export function useSignOut(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    await apiSend('POST', '/api/auth/logout').catch(() => undefined);
    // Set "nobody" on the live query first: clear() would detach the App's observer from it, and the
    // App would keep showing the signed-in shell. Then drop every other cached answer.
    client.setQueryData(ME_QUERY_KEY, null);
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] || query.queryKey[1] !== ME_QUERY_KEY[1] });
  };
}
