import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AuditListSchema, IssuedPasswordSchema, StaffUserListSchema, StaffUserSchema, type CreateStaffUserBody, type UpdateStaffUserBody } from '@kiosk/shared';
import { apiGet, apiSend } from '../../api/client';

const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: () => apiGet('/api/users', StaffUserListSchema) });
}

/** Every change answers with the user; the list is refetched so the table shows the hub's truth. */
function useUserChange<V, R>(send: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }) });
}

export const useCreateUser = () => useUserChange((body: CreateStaffUserBody) => apiSend('POST', '/api/users', body, IssuedPasswordSchema));
export const useUpdateUser = () =>
  useUserChange(({ id, changes }: { id: string; changes: UpdateStaffUserBody }) => apiSend('PATCH', `/api/users/${encodeURIComponent(id)}`, changes, StaffUserSchema));
export const useResetPassword = () => useUserChange((id: string) => apiSend('POST', `/api/users/${encodeURIComponent(id)}/reset-password`, undefined, IssuedPasswordSchema));
export const useResetSecondFactor = () =>
  useUserChange((id: string) => apiSend('POST', `/api/users/${encodeURIComponent(id)}/reset-second-factor`, undefined, StaffUserSchema));

export interface AuditFilters {
  readonly actor: string;
  readonly action: string;
  readonly from: string;
  readonly to: string;
}

export const AUDIT_PAGE_SIZE = 25;

export function useAudit(filters: AuditFilters, page: number) {
  const params = new URLSearchParams({ page: String(page), page_size: String(AUDIT_PAGE_SIZE) });
  for (const [key, value] of Object.entries(filters)) if (value.trim() !== '') params.set(key, value.trim());
  return useQuery({ queryKey: ['audit', params.toString()], queryFn: () => apiGet(`/api/audit?${params.toString()}`, AuditListSchema) });
}
