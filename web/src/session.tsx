import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, ApiError, type Me } from './api';

/** Who is logged in, from GET /api/v1/auth/me; undefined while asking, null when nobody. */
export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('/api/v1/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
  });
}

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a logged-in page');
  return me;
}

export const useCan = () => {
  const me = useContext(MeContext);
  return (right: string) => me?.rights.includes(right) ?? false;
};

export function useLogout() {
  const client = useQueryClient();
  return async () => {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
    client.clear();
    client.setQueryData(['me'], null);
  };
}
