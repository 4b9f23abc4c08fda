import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, protectStaffApi, sessionGuard } from '../auth/guard.js';
import type { SessionPolicy, SessionUser } from '../auth/service.js';
import { CitizenErasureSchema, CitizenExportSchema, CitizenLookupSchema, PRIVACY_ROLES, eraseCitizenData, exportCitizenData } from './privacy.js';
import { listPrivacyAudit } from './privacy-repository.js';
import { retentionDaysOf, setRetentionDays } from './retention.js';
import type { RetentionOptions } from './retention.js';
import { forbidden } from '../../http/problems.js';

/** Most recent privacy audit entries the console lists. */
export const PRIVACY_AUDIT_LIST_LIMIT = 100;

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema };
const RetentionSchema = z.object({ closedCaseDays: z.number().int(), isDefault: z.boolean() });
const AuditListSchema = z.object({
  entries: z.array(z.object({ action: z.string(), actorUserId: z.string().nullable(), caseCount: z.number().int(), at: z.string() })),
});

function requireAdmin(user: SessionUser): void {
  if (!PRIVACY_ROLES.has(user.role)) throw forbidden('forbidden', 'only an administrator may manage personal-data settings');
}

/**
 * /api/privacy: export and erasure of a citizen's data, the retention period, and the audit of both.
 * POST bodies, not query strings, carry the identifiers: URLs end up in logs and histories.
 */
export function privacyRoutes(db: HubDb, policy: SessionPolicy, retention: RetentionOptions, now: () => Date = () => new Date()): FastifyPluginAsync {
  return async (app) => {
    protectStaffApi(app);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const preHandler = sessionGuard(db, policy);

    typed.post('/export', { schema: { body: CitizenLookupSchema, response: { 200: CitizenExportSchema, ...ERRORS } }, preHandler }, async (request) =>
      exportCitizenData(db, currentUser(request), request.body, now()),
    );

    typed.post('/erase', { schema: { body: CitizenLookupSchema, response: { 200: CitizenErasureSchema, ...ERRORS } }, preHandler }, async (request) =>
      eraseCitizenData(db, currentUser(request), request.body, now()),
    );

    typed.get('/retention', { schema: { response: { 200: RetentionSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireAdmin(user);
      const { days, isDefault } = await retentionDaysOf(db, user.tenantId, retention.defaultDays);
      return { closedCaseDays: days, isDefault };
    });

    typed.put(
      '/retention',
      { schema: { body: z.object({ closedCaseDays: z.number().int() }), response: { 200: RetentionSchema, ...ERRORS } }, preHandler },
      async (request) => {
        const user = currentUser(request);
        requireAdmin(user);
        await setRetentionDays(db, user.tenantId, request.body.closedCaseDays, now());
        return { closedCaseDays: request.body.closedCaseDays, isDefault: false };
      },
    );

    typed.get('/audit', { schema: { response: { 200: AuditListSchema, ...ERRORS } }, preHandler }, async (request) => {
      const user = currentUser(request);
      requireAdmin(user);
      const rows = await listPrivacyAudit(db, user.tenantId, PRIVACY_AUDIT_LIST_LIMIT);
      return { entries: rows.map((r) => ({ action: r.action, actorUserId: r.actor_user_id, caseCount: Number(r.case_count), at: r.created_at })) };
    });
  };
}
