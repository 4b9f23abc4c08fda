import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ContentEntrySchema,
  ContentListSchema,
  ContentVersionListSchema,
  type ContentEntry,
  type ContentKind,
  type ContentUpdate,
} from '@kiosk/shared';
import { apiGet, apiSend } from '../../api/client';

/** The content API (/api/content) as TanStack queries; every answer parsed with the shared schemas. */

const ROOT = ['content'] as const;
const entryPath = (id: string) => `/api/content/${encodeURIComponent(id)}`;

export interface ContentFilter {
  readonly kind?: ContentKind;
  readonly serviceCode?: string;
}

export function useContentList(filter: ContentFilter) {
  const params = new URLSearchParams();
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.serviceCode) params.set('serviceCode', filter.serviceCode);
  const query = params.toString();
  return useQuery({
    queryKey: [...ROOT, 'list', filter.kind ?? '', filter.serviceCode ?? ''],
    queryFn: () => apiGet(`/api/content${query === '' ? '' : `?${query}`}`, ContentListSchema),
  });
}

export function useContentEntry(id: string) {
  return useQuery({ queryKey: [...ROOT, 'entry', id], queryFn: () => apiGet(entryPath(id), ContentEntrySchema) });
}

export function useContentVersions(id: string) {
  return useQuery({ queryKey: [...ROOT, 'versions', id], queryFn: () => apiGet(`${entryPath(id)}/versions`, ContentVersionListSchema) });
}

/** The texts of several versions (stored versions never change, so they are cached for good). */
export function useVersionTexts(id: string, versions: readonly number[]) {
  return useQueries({
    queries: versions.map((version) => ({
      queryKey: [...ROOT, 'version', id, version],
      queryFn: () => apiGet(`${entryPath(id)}/versions/${version}`, ContentEntrySchema),
      staleTime: Infinity,
    })),
  });
}

function useRefreshContent() {
  const client = useQueryClient();
  return (entry?: ContentEntry) => {
    if (entry) client.setQueryData([...ROOT, 'entry', entry.id], entry);
    return client.invalidateQueries({ queryKey: ROOT });
  };
}

export function useCreateContent() {
  const refresh = useRefreshContent();
  return useMutation({
    mutationFn: (input: Omit<ContentUpdate, 'version'>) => apiSend('POST', '/api/content', input, ContentEntrySchema),
    onSuccess: (entry) => refresh(entry),
  });
}

/** A new draft version on top of `basedOn` (If-Match): 409 when someone saved in between. */
export function useSaveDraft(id: string) {
  const refresh = useRefreshContent();
  return useMutation({
    mutationFn: ({ update, basedOn }: { update: Omit<ContentUpdate, 'version'>; basedOn: number }) =>
      apiSend('PUT', entryPath(id), update, ContentEntrySchema, { 'if-match': `"${basedOn}"` }),
    onSuccess: (entry) => refresh(entry),
  });
}

export function usePublish(id: string) {
  const refresh = useRefreshContent();
  return useMutation({
    mutationFn: (version: number) => apiSend('POST', `${entryPath(id)}/publish`, { version }, ContentEntrySchema),
    onSuccess: (entry) => refresh(entry),
  });
}

export function useUnpublish(id: string) {
  const refresh = useRefreshContent();
  return useMutation({
    mutationFn: () => apiSend('POST', `${entryPath(id)}/unpublish`, {}, ContentEntrySchema),
    onSuccess: (entry) => refresh(entry),
  });
}

/**
 * Roll back: the old version's texts saved as a new version on top of the latest, then that new
 * version published. History only grows; nothing is deleted or rewritten.
 */
export function useRollback(id: string) {
  const refresh = useRefreshContent();
  return useMutation({
    mutationFn: async ({ old, latest }: { old: ContentEntry; latest: number }) => {
      const body = { kind: old.kind, serviceCode: old.serviceCode, translations: old.translations };
      const saved = await apiSend('PUT', entryPath(id), body, ContentEntrySchema, { 'if-match': `"${latest}"` });
      return apiSend('POST', `${entryPath(id)}/publish`, { version: saved.version }, ContentEntrySchema);
    },
    onSuccess: (entry) => refresh(entry),
  });
}
