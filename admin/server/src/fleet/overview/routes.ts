import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, FleetOverviewSchema, KioskHealthSchema, fleetConsoleApi } from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, protectStaffApi, sessionGuard } from '../../modules/auth/guard.js';
import { DEFAULT_STATUS_POLICY } from '../kiosk-status.js';
import type { KioskStatusPolicy } from '../kiosk-status.js';
import { fleetOverview, kioskHealth } from './service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema };

export interface FleetViewOptions {
  /** Tests move the clock; the hub uses the wall clock. */
  readonly now?: () => Date;
  readonly policy?: KioskStatusPolicy;
}

/** GET /api/fleet/overview and /api/fleet/devices/:id/health: read-only, admin, operator and viewer. */
export function fleetViewRoutes(db: HubDb, config: HubConfig, options: FleetViewOptions = {}): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  const now = options.now ?? (() => new Date());
  const statusPolicy = options.policy ?? DEFAULT_STATUS_POLICY;
  return async (app) => {
    protectStaffApi(app);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const onRequest = sessionGuard(db, policy);

    typed.get(fleetConsoleApi.overview, { schema: { response: { 200: FleetOverviewSchema, ...ERRORS } }, onRequest }, async (request) =>
      fleetOverview(db, currentUser(request), now(), statusPolicy),
    );

    typed.get(
      fleetConsoleApi.health,
      {
        schema: {
          params: z.object({ id: z.string().min(1).max(80) }),
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }),
          response: { 200: KioskHealthSchema, ...ERRORS },
        },
        onRequest,
      },
      async (request) => kioskHealth(db, currentUser(request), request.params.id, now(), statusPolicy, request.query.limit),
    );
  };
}
