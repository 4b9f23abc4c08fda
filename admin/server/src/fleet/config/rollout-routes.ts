import type { FastifyPluginAsync } from 'fastify';
import { ApiErrorSchema, RolloutListSchema, deviceConfigApi } from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, protectStaffApi, sessionGuard } from '../../modules/auth/guard.js';
import { listRollouts } from './rollout-list.js';

const ERRORS = { 401: ApiErrorSchema, 403: ApiErrorSchema, 500: ApiErrorSchema };

/** GET /api/fleet/rollouts (admin, operator); the other rollout routes live in routes.ts. */
export function rolloutListRoutes(db: HubDb, config: HubConfig, now: () => Date = () => new Date()): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    protectStaffApi(app);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    typed.get(deviceConfigApi.rollouts, { schema: { response: { 200: RolloutListSchema, ...ERRORS } }, preHandler: sessionGuard(db, policy) }, async (request) => ({
      rollouts: await listRollouts(db, currentUser(request), now()),
    }));
  };
}
