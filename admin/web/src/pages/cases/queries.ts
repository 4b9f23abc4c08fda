import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  BulkResultSchema,
  CaseDetailSchema,
  CasePersonalDataSchema,
  CaseQueueSchema,
  DetailedStatusListSchema,
  QueueFilterOptionsSchema,
  StaffListSchema,
  type BulkChangeBody,
  type MergeBody,
  type StatusChangeBody,
} from '@kiosk/shared';
import { apiGet, apiSend } from '../../api/client';

/** The cases pages' server state: the queue, one case, the lists the forms offer, and every change. */

const CASES_KEY = ['cases'] as const;
const caseUrl = (id: string) => `/api/workflow/cases/${encodeURIComponent(id)}`;

/** `search` is the queue's URL query (the same parameters the hub takes). */
export function useQueue(search: string) {
  const { i18n } = useTranslation();
  const query = new URLSearchParams(search);
  query.set('locale', i18n.language);
  return useQuery({
    queryKey: [...CASES_KEY, 'queue', query.toString()],
    queryFn: () => apiGet(`/api/workflow/cases?${query.toString()}`, CaseQueueSchema),
    placeholderData: (previous) => previous,
  });
}

export function useCase(id: string) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...CASES_KEY, 'detail', id, i18n.language],
    queryFn: () => apiGet(`${caseUrl(id)}?locale=${encodeURIComponent(i18n.language)}`, CaseDetailSchema),
  });
}

export function useFilterOptions() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...CASES_KEY, 'filter-options', i18n.language],
    queryFn: () => apiGet(`/api/workflow/filter-options?locale=${encodeURIComponent(i18n.language)}`, QueueFilterOptionsSchema),
    staleTime: 5 * 60_000,
  });
}

export function useStaff() {
  return useQuery({ queryKey: [...CASES_KEY, 'staff'], queryFn: () => apiGet('/api/workflow/staff', StaffListSchema), staleTime: 5 * 60_000 });
}

export function useStatuses() {
  return useQuery({ queryKey: [...CASES_KEY, 'statuses'], queryFn: () => apiGet('/api/workflow/statuses', DetailedStatusListSchema), staleTime: Infinity });
}

/** Every change answers with the changed case: it replaces the cached one, and the queue reloads. */
export type CaseChange =
  | { kind: 'assign'; assigneeId: string | null }
  | ({ kind: 'status' } & StatusChangeBody)
  | { kind: 'expected'; expectedAt: string | null }
  | { kind: 'note'; body: string };

function changeRequest(id: string, change: CaseChange): [string, unknown] {
  switch (change.kind) {
    case 'assign':
      return [`${caseUrl(id)}/assign`, { assigneeId: change.assigneeId }];
    case 'status': {
      const { kind: _kind, ...body } = change;
      return [`${caseUrl(id)}/status`, body];
    }
    case 'expected':
      return [`${caseUrl(id)}/expected`, { expectedAt: change.expectedAt }];
    case 'note':
      return [`${caseUrl(id)}/notes`, { body: change.body }];
  }
}

export function useCaseChange(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: CaseChange) => {
      const [url, body] = changeRequest(id, change);
      return apiSend('POST', url, body, CaseDetailSchema);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: CASES_KEY }),
  });
}

/** Merges `duplicateId` into the case that stays (`body.into`). */
export function useMerge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ duplicateId, body }: { duplicateId: string; body: MergeBody }) => apiSend('POST', `${caseUrl(duplicateId)}/merge`, body, CaseDetailSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: CASES_KEY }),
  });
}

export function useBulkChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkChangeBody) => apiSend('POST', '/api/workflow/cases/bulk', body, BulkResultSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: CASES_KEY }),
  });
}

/** Each reveal is a logged access on the hub, so it is a mutation, never cached or refetched. */
export function useRevealPersonalData(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', `${caseUrl(id)}/personal-data`, {}, CasePersonalDataSchema),
    // The access now shows in the case's history.
    onSuccess: () => client.invalidateQueries({ queryKey: [...CASES_KEY, 'detail', id] }),
  });
}
