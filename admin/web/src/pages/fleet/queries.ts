import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DeadLetterDetailSchema,
  DeadLetterListSchema,
  DeviceConfigViewSchema,
  FleetDeviceSchema,
  FleetOverviewSchema,
  JobListSchema,
  JobLogsViewSchema,
  JobViewSchema,
  JobsCreatedSchema,
  KioskHealthSchema,
  PendingEnrolmentListSchema,
  type ApproveEnrolment,
  type DeadLetterCorrection,
  type JobCreate,
  type JobState,
} from '@kiosk/shared';
import { z } from 'zod';
import { apiGet, apiSend } from '../../api/client';

/**
 * The fleet's hub API as TanStack queries; every answer parsed with the shared schemas. POSTs
 * without a payload send `{}`: the client always says application/json, and an empty JSON body is a 400.
 */

const ROOT = ['fleet'] as const;
/** Live enough to see a kiosk go paper-low within one heartbeat (30 s), cheap enough for all day. */
export const LIVE_REFRESH_MS = 5_000;
const device = (id: string) => `/api/fleet/devices/${encodeURIComponent(id)}`;

export function useFleetOverview() {
  return useQuery({ queryKey: [...ROOT, 'overview'], queryFn: () => apiGet('/api/fleet/overview', FleetOverviewSchema), refetchInterval: LIVE_REFRESH_MS });
}

export function useKioskHealth(id: string) {
  return useQuery({ queryKey: [...ROOT, 'health', id], queryFn: () => apiGet(`${device(id)}/health?limit=30`, KioskHealthSchema), refetchInterval: LIVE_REFRESH_MS });
}

export function useDeviceConfig(id: string) {
  return useQuery({ queryKey: [...ROOT, 'config', id], queryFn: () => apiGet(`${device(id)}/config`, DeviceConfigViewSchema), refetchInterval: LIVE_REFRESH_MS * 2 });
}

export interface JobFilter {
  readonly deviceId?: string;
  readonly state?: JobState;
  readonly limit?: number;
}

export function useJobs(filter: JobFilter, enabled = true) {
  const params = new URLSearchParams();
  if (filter.deviceId) params.set('deviceId', filter.deviceId);
  if (filter.state) params.set('state', filter.state);
  params.set('limit', String(filter.limit ?? 50));
  return useQuery({
    queryKey: [...ROOT, 'jobs', filter.deviceId ?? '', filter.state ?? '', filter.limit ?? 50],
    queryFn: () => apiGet(`/api/fleet/jobs?${params.toString()}`, JobListSchema),
    refetchInterval: LIVE_REFRESH_MS,
    enabled,
  });
}

export function useJobLogs(jobId: string | null) {
  return useQuery({
    queryKey: [...ROOT, 'job-logs', jobId ?? ''],
    queryFn: () => apiGet(`/api/fleet/jobs/${encodeURIComponent(jobId ?? '')}/logs`, JobLogsViewSchema),
    enabled: jobId !== null,
  });
}

export function useDeadLetters(enabled: boolean) {
  return useQuery({ queryKey: [...ROOT, 'dead-letters'], queryFn: () => apiGet('/api/fleet/dead-letters', DeadLetterListSchema), enabled, refetchInterval: LIVE_REFRESH_MS * 2 });
}

/** Reading one is audited on the hub: fetched only when staff open it. */
export function useDeadLetter(id: string | null) {
  return useQuery({
    queryKey: [...ROOT, 'dead-letter', id ?? ''],
    queryFn: () => apiGet(`/api/fleet/dead-letters/${encodeURIComponent(id ?? '')}`, DeadLetterDetailSchema),
    enabled: id !== null,
  });
}

export function usePendingEnrolments(enabled: boolean) {
  return useQuery({ queryKey: [...ROOT, 'enrolments'], queryFn: () => apiGet('/api/fleet/enrolments', PendingEnrolmentListSchema), enabled, refetchInterval: LIVE_REFRESH_MS });
}

function useRefreshFleet() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ROOT });
}

export function useSendJob() {
  const refresh = useRefreshFleet();
  return useMutation({ mutationFn: (job: JobCreate) => apiSend('POST', '/api/fleet/jobs', job, JobsCreatedSchema), onSuccess: refresh });
}

export function useCancelJob() {
  const refresh = useRefreshFleet();
  return useMutation({ mutationFn: (id: string) => apiSend('POST', `/api/fleet/jobs/${encodeURIComponent(id)}/cancel`, {}, JobViewSchema), onSuccess: refresh });
}

export function useRevokeKiosk() {
  const refresh = useRefreshFleet();
  return useMutation({ mutationFn: (id: string) => apiSend('POST', `${device(id)}/revoke`, {}, FleetDeviceSchema), onSuccess: refresh });
}

export function useApproveEnrolment() {
  const refresh = useRefreshFleet();
  return useMutation({ mutationFn: (input: ApproveEnrolment) => apiSend('POST', '/api/fleet/enrolments/approve', input, FleetDeviceSchema), onSuccess: refresh });
}

export function useRejectEnrolment() {
  const refresh = useRefreshFleet();
  return useMutation({
    mutationFn: (code: string) => apiSend('POST', '/api/fleet/enrolments/reject', { code }, z.object({ rejected: z.literal(true) })),
    onSuccess: refresh,
  });
}

export function useFixDeadLetter() {
  const refresh = useRefreshFleet();
  return useMutation({
    mutationFn: ({ id, correction }: { id: string; correction: DeadLetterCorrection }) =>
      apiSend('PUT', `/api/fleet/dead-letters/${encodeURIComponent(id)}/fix`, correction, DeadLetterDetailSchema),
    onSuccess: refresh,
  });
}

export function useResendDeadLetter() {
  const refresh = useRefreshFleet();
  return useMutation({ mutationFn: (id: string) => apiSend('POST', `/api/fleet/dead-letters/${encodeURIComponent(id)}/resend`, {}, DeadLetterDetailSchema), onSuccess: refresh });
}
