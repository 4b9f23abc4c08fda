import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CallNextAnswerSchema, OfficeDaySchema, OfficeSettingsSchema, OkSchema, StaffOfficeListSchema, type OfficeHours } from '@kiosk/shared';
import { useTranslation } from 'react-i18next';
import { apiGet, apiSend } from '../../api/client';

/** The appointments hub API as TanStack queries; every answer parsed with the shared schemas. */

const ROOT = ['appointments'] as const;
/** The queue changes whenever a kiosk issues a turn: refresh often enough for the counter. */
export const BOARD_REFRESH_MS = 5_000;
const office = (code: string) => `/api/appointments/offices/${encodeURIComponent(code)}`;

export function useOffices() {
  return useQuery({ queryKey: [...ROOT, 'offices'], queryFn: () => apiGet('/api/appointments/offices', StaffOfficeListSchema), staleTime: 60_000 });
}

export function useOfficeSettings(code: string) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...ROOT, 'settings', code, i18n.language],
    queryFn: () => apiGet(`${office(code)}/settings?locale=${encodeURIComponent(i18n.language)}`, OfficeSettingsSchema),
    enabled: code !== '',
  });
}

export function useOfficeDay(code: string, day: string) {
  const { i18n } = useTranslation();
  const params = new URLSearchParams({ locale: i18n.language });
  if (day !== '') params.set('day', day);
  return useQuery({
    queryKey: [...ROOT, 'day', code, day, i18n.language],
    queryFn: () => apiGet(`${office(code)}/day?${params.toString()}`, OfficeDaySchema),
    enabled: code !== '',
    refetchInterval: BOARD_REFRESH_MS,
  });
}

/** Every calendar change refreshes the office's settings (and its board: slots may have moved). */
function useOfficeChange<V, R>(send: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: ROOT }),
  });
}

export const useSaveHours = (code: string) => useOfficeChange((hours: OfficeHours[]) => apiSend('PUT', `${office(code)}/hours`, { hours }, OkSchema));
export const useAddHoliday = (code: string) => useOfficeChange((body: { day: string; name: string }) => apiSend('POST', `${office(code)}/holidays`, body, OkSchema));
export const useRemoveHoliday = (code: string) => useOfficeChange((day: string) => apiSend('DELETE', `${office(code)}/holidays/${encodeURIComponent(day)}`, undefined, OkSchema));
export const useSaveService = (code: string) =>
  useOfficeChange((v: { service: string; slotMinutes: number; capacity: number; walkIn: boolean }) =>
    apiSend('PUT', `${office(code)}/services/${encodeURIComponent(v.service)}`, { slotMinutes: v.slotMinutes, capacity: v.capacity, walkIn: v.walkIn }, OkSchema),
  );
export const useSaveDesk = (code: string) =>
  useOfficeChange((v: { desk: string; label: string; active: boolean }) => apiSend('PUT', `${office(code)}/desks/${encodeURIComponent(v.desk)}`, { label: v.label, active: v.active }, OkSchema));
export const useCallNext = (code: string) => useOfficeChange((desk: string) => apiSend('POST', `${office(code)}/call-next`, { desk }, CallNextAnswerSchema));
