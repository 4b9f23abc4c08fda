import { z } from 'zod';
import { IsoDateTimeSchema } from './common.js';

/** The staff console's API bodies (hub <-> admin/web). */

export const LoginBodySchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export const StaffRoleSchema = z.enum(['admin', 'caseworker', 'editor', 'operator', 'viewer']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const MeSchema = z.object({
  username: z.string(),
  role: StaffRoleSchema,
  tenant: z.object({ id: z.string(), name: z.string(), jurisdictionId: z.string() }),
  /** The one site the user works on; null = every site of the tenant. */
  site: z.string().nullable(),
});
export type Me = z.infer<typeof MeSchema>;

/**
 * POST /api/auth/login answers 202 with this when the password was right but a TOTP code is still
 * due: 'enrol' (no authenticator yet: GET /api/auth/second-factor for the secret) or 'code'.
 */
export const SecondFactorDueSchema = z.object({ secondFactor: z.enum(['enrol', 'code']) });
export type SecondFactorDue = z.infer<typeof SecondFactorDueSchema>;

/** GET /api/auth/second-factor: the enrolment secret (shown during enrolment only), or "enter a code". */
export const SecondFactorChallengeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('enrol'), secret: z.string(), uri: z.string() }),
  z.object({ mode: z.literal('code') }),
]);
export type SecondFactorChallenge = z.infer<typeof SecondFactorChallengeSchema>;

/** POST /api/auth/second-factor. */
export const SecondFactorBodySchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'a code is 6 digits') });

/** Usernames: letters, digits and . _ - (they appear in the audit log and in URIs of authenticator apps). */
export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,64}$/, 'a username is 3 to 64 letters, digits, dots, dashes or underscores');

/** A site id as devices carry it; null = every site. */
export const SiteScopeSchema = z.string().trim().min(1).max(100).nullable();

/** /api/users: a staff account as the admin's user list shows it (no hash, no secret). */
export const StaffUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: StaffRoleSchema,
  site: z.string().nullable(),
  disabled: z.boolean(),
  secondFactor: z.boolean(),
  createdAt: IsoDateTimeSchema,
});
export type StaffUser = z.infer<typeof StaffUserSchema>;
export const StaffUserListSchema = z.object({ users: z.array(StaffUserSchema) });

export const CreateStaffUserBodySchema = z.object({ username: UsernameSchema, role: StaffRoleSchema, site: SiteScopeSchema.optional() });
export type CreateStaffUserBody = z.infer<typeof CreateStaffUserBodySchema>;

export const UpdateStaffUserBodySchema = z
  .object({ role: StaffRoleSchema.optional(), site: SiteScopeSchema.optional(), disabled: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.site !== undefined || body.disabled !== undefined, 'change at least one of role, site, disabled');
export type UpdateStaffUserBody = z.infer<typeof UpdateStaffUserBodySchema>;

/** GET /api/audit: one page of the tenant's audit log, newest first (identifiers and codes only). */
export const AuditListSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      actor: z.string(),
      targetType: z.string(),
      targetId: z.string(),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      ip: z.string().nullable(),
      at: IsoDateTimeSchema,
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditList = z.infer<typeof AuditListSchema>;

/** A generated one-time password, shown once to the admin who made or reset the account. */
export const IssuedPasswordSchema = z.object({ user: StaffUserSchema, password: z.string() });
export type IssuedPassword = z.infer<typeof IssuedPasswordSchema>;

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
