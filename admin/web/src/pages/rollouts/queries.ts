import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RolloutListSchema, RolloutViewSchema, type RolloutInput } from '@kiosk/shared';
import type { z } from 'zod';
import type { RolloutInputSchema } from '@kiosk/shared';
import { apiGet, apiSend } from '../../api/client';

/** Configuration and content rollouts on the hub (fleet/config), parsed with the shared schemas. */

const ROOT = ['rollouts'] as const;
/** Rings move on when kiosks report (every 30 s): a running rollout's progress stays current. */
export const ROLLOUT_REFRESH_MS = 5_000;

export function useRollouts() {
  return useQuery({ queryKey: [...ROOT, 'list'], queryFn: () => apiGet('/api/fleet/rollouts', RolloutListSchema), refetchInterval: ROLLOUT_REFRESH_MS });
}

export function useCreateRollout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof RolloutInputSchema> & Pick<RolloutInput, 'kind'>) => apiSend('POST', '/api/fleet/rollouts', input, RolloutViewSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: ROOT }),
  });
}

export function useAbortRollout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiSend('POST', `/api/fleet/rollouts/${encodeURIComponent(id)}/abort`, {}, RolloutViewSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: ROOT }),
  });
}
