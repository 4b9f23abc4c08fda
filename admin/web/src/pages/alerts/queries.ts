import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  AlertInboxSchema,
  AlertRuleListSchema,
  AlertRuleSchema,
  WebhookDeliveryListSchema,
  WebhookViewSchema,
  type AlertRuleInput,
  type AlertState,
  type WebhookInput,
} from '@kiosk/shared';
import { apiGet, apiSend } from '../../api/client';

/** The alerts' hub API as TanStack queries; every answer parsed with the shared schemas. */

const ROOT = ['alerts'] as const;
/** The inbox refreshes by itself: a kiosk's alert shows within seconds of the heartbeat that opened it. */
export const INBOX_REFRESH_MS = 5_000;

export function useInbox(state: AlertState | '') {
  return useQuery({
    queryKey: [...ROOT, 'inbox', state],
    queryFn: () => apiGet(`/api/fleet/alerts${state === '' ? '' : `?state=${state}`}`, AlertInboxSchema),
    refetchInterval: INBOX_REFRESH_MS,
  });
}

export function useRules() {
  return useQuery({ queryKey: [...ROOT, 'rules'], queryFn: () => apiGet('/api/fleet/alert-rules', AlertRuleListSchema) });
}

export function useWebhook() {
  return useQuery({ queryKey: [...ROOT, 'webhook'], queryFn: () => apiGet('/api/fleet/alert-webhook', WebhookViewSchema) });
}

export function useDeliveries() {
  return useQuery({ queryKey: [...ROOT, 'deliveries'], queryFn: () => apiGet('/api/fleet/alert-webhook/deliveries', WebhookDeliveryListSchema), refetchInterval: INBOX_REFRESH_MS * 2 });
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ROOT });
}

export function useAcknowledge() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => apiSend('POST', `/api/fleet/alerts/${encodeURIComponent(id)}/acknowledge`, {}), onSuccess: refresh });
}

export function useSaveRule() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, rule }: { id: string | null; rule: AlertRuleInput }) =>
      id === null ? apiSend('POST', '/api/fleet/alert-rules', rule, AlertRuleSchema) : apiSend('PUT', `/api/fleet/alert-rules/${encodeURIComponent(id)}`, rule, AlertRuleSchema),
    onSuccess: refresh,
  });
}

export function useDeleteRule() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => apiSend('DELETE', `/api/fleet/alert-rules/${encodeURIComponent(id)}`, {}), onSuccess: refresh });
}

export function useSaveWebhook() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: WebhookInput) => apiSend('PUT', '/api/fleet/alert-webhook', input, WebhookViewSchema), onSuccess: refresh });
}

export function useRemoveWebhook() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => apiSend('DELETE', '/api/fleet/alert-webhook', {}), onSuccess: refresh });
}
