import { z } from 'zod';
import { IsoDateTimeSchema } from './common.js';

/** The staff console's API bodies (hub <-> admin/web). */

export const LoginBodySchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export const StaffRoleSchema = z.enum(['admin', 'caseworker', 'manager', 'fleet', 'analyst']);

export const MeSchema = z.object({
  username: z.string(),
  role: StaffRoleSchema,
  tenant: z.object({ id: z.string(), name: z.string(), jurisdictionId: z.string() }),
});
export type Me = z.infer<typeof MeSchema>;

export const ChannelSchema = z.enum(['kiosk', 'web', 'phone', 'counter', 'app']);
export type Channel = z.infer<typeof ChannelSchema>;

/** GET /api/cases: the console's case list. No personal data by construction. */
export const CaseListQuerySchema = z.object({ locale: z.string().max(35).optional() });

export const CaseSummarySchema = z.object({
  id: z.string(),
  localReference: z.string().nullable(),
  serviceCode: z.string(),
  serviceName: z.string(),
  status: z.enum(['open', 'closed']),
  detailedStatus: z.string(),
  channel: ChannelSchema,
  requestedAt: IsoDateTimeSchema,
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export const CaseListSchema = z.object({ cases: z.array(CaseSummarySchema) });
export type CaseList = z.infer<typeof CaseListSchema>;
