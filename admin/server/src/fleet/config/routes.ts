import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, DesiredConfigSchema, DeviceConfigViewSchema, KioskConfigSchema, RolloutInputSchema, RolloutViewSchema, deviceConfigApi, fleetRoutes } from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, protectStaffApi, sessionGuard } from '../../modules/auth/guard.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import { requireRole } from '../../modules/workflow/roles.js';
import { etagMatches } from '../../modules/content/fleet-routes.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { deviceOf, headerValue, requireDevice } from '../device-auth.js';
import { FLEET_CONFIG_ROLES, requireTenantDevice } from './access.js';
import { desiredConfig } from './config-repository.js';
import { deviceConfigView, putDeviceConfig, versionTag } from './config-service.js';
import { raisedOfflineAlerts } from './offline-alerts.js';
import { abortRollout, createRollout, rolloutView } from './rollout-service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 412: ApiErrorSchema, 428: ApiErrorSchema, 500: ApiErrorSchema, 503: ApiErrorSchema };
const IdParams = z.object({ id: z.string().min(1).max(80) });
const OfflineAlertsSchema = z.object({ alerts: z.array(z.object({ deviceId: z.string(), raisedAt: z.string() })) });

const actorOf = (request: FastifyRequest) => ({ user: currentUser(request), ip: request.ip ?? null });

/**
 * Desired and reported kiosk configuration, rollouts in rings and offline alerts.
 * Staff (/api/fleet/..., roles admin and fleet, CSRF header, audited) and kiosks (/fleet/v1/config).
 * @param now injected by tests; the hub uses the wall clock.
 */
export function deviceConfigRoutes(db: HubDb, config: HubConfig, bus: FleetBus, secrets: SecretBox, now: () => Date = () => new Date()): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    // Kiosks: their own credential, their own configuration, cheap when unchanged (304).
    await app.register(async (kiosk) => {
      requireDevice(kiosk, db);
      const typed = kiosk.withTypeProvider<ZodTypeProvider>();
      typed.get(fleetRoutes.config.path, { schema: { response: { 200: DesiredConfigSchema, ...ERRORS } } }, async (request, reply) => {
        const desired = await desiredConfig(db, deviceOf(request).id);
        const etag = versionTag(desired.version);
        reply.header('etag', etag).header('cache-control', 'no-cache');
        if (etagMatches(request.headers['if-none-match'], etag)) return (reply as FastifyReply).code(304).send();
        return { version: desired.version, config: desired.config };
      });
    });

    await app.register(async (staff) => {
      protectStaffApi(staff);
      const typed = staff.withTypeProvider<ZodTypeProvider>();
      const preHandler = sessionGuard(db, policy);

      typed.get(deviceConfigApi.device, { schema: { params: IdParams, response: { 200: DeviceConfigViewSchema, ...ERRORS } }, preHandler }, async (request, reply) => {
        const device = await requireTenantDevice(db, currentUser(request), request.params.id);
        const view = await deviceConfigView(db, device.id);
        reply.header('etag', versionTag(view.desired.version));
        return view;
      });

      typed.put(
        deviceConfigApi.device,
        { schema: { params: IdParams, body: KioskConfigSchema, response: { 200: DeviceConfigViewSchema, ...ERRORS } }, preHandler },
        async (request, reply) => {
          const view = await putDeviceConfig(db, bus, actorOf(request), { deviceId: request.params.id, ifMatch: headerValue(request, 'if-match'), config: request.body, now: now() });
          reply.header('etag', versionTag(view.desired.version));
          return view;
        },
      );

      typed.post(deviceConfigApi.rollouts, { schema: { body: RolloutInputSchema, response: { 201: RolloutViewSchema, ...ERRORS } }, preHandler }, async (request, reply) => {
        const view = await createRollout(db, bus, secrets, actorOf(request), request.body, now());
        return reply.code(201).send(view);
      });

      typed.get(deviceConfigApi.rollout, { schema: { params: IdParams, response: { 200: RolloutViewSchema, ...ERRORS } }, preHandler }, async (request) =>
        rolloutView(db, currentUser(request), request.params.id, now()),
      );

      typed.post(deviceConfigApi.abort, { schema: { params: IdParams, response: { 200: RolloutViewSchema, ...ERRORS } }, preHandler }, async (request) =>
        abortRollout(db, bus, secrets, actorOf(request), request.params.id, now()),
      );

      typed.get('/api/fleet/alerts/offline', { schema: { response: { 200: OfflineAlertsSchema, ...ERRORS } }, preHandler }, async (request) => {
        const user = currentUser(request);
        requireRole(user, FLEET_CONFIG_ROLES, 'see kiosk alerts');
        const alerts = await raisedOfflineAlerts(db, user.tenantId, siteScopeOf(user));
        return { alerts: alerts.map((a) => ({ deviceId: a.deviceId, raisedAt: a.raisedAt })) };
      });
    });
  };
}
