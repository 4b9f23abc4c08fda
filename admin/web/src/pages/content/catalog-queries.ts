import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { StaffServiceListSchema, StaffServiceSchema, type ServiceEdit } from '@kiosk/shared';
import { apiGet, apiSend } from '../../api/client';

/** The staff catalogue API (/api/catalog) as TanStack queries, parsed with the shared schemas. */

const ROOT = ['catalog'] as const;
const servicePath = (code: string) => `/api/catalog/services/${encodeURIComponent(code)}`;

export function useServiceList() {
  return useQuery({ queryKey: [...ROOT, 'list'], queryFn: () => apiGet('/api/catalog/services', StaffServiceListSchema) });
}

export function useService(code: string) {
  return useQuery({ queryKey: [...ROOT, 'service', code], queryFn: () => apiGet(servicePath(code), StaffServiceSchema) });
}

export function useSaveService(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (edit: ServiceEdit) => apiSend('PUT', servicePath(code), edit, StaffServiceSchema),
    onSuccess: (service) => {
      client.setQueryData([...ROOT, 'service', code], service);
      return client.invalidateQueries({ queryKey: [...ROOT, 'list'] });
    },
  });
}
