import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ApiErrorSchema,
  CaseAcceptedSchema,
  CaseSubmissionSchema,
  CatalogSchema,
  HeartbeatAnswerSchema,
  HeartbeatSchema,
  IDEMPOTENCY_KEY_HEADER,
  LocaleSchema,
  fleetRoutes,
} from '@kiosk/shared';
import type { Catalog } from '@kiosk/shared';
import type { HubDb } from '../db/database.js';
import { makeErrorHandler, renderApiError } from '../http/error-handler.js';
import { badRequest } from '../http/problems.js';
import type { ZodTypeProvider } from '../http/zod.js';
import { localisedCatalog, tenantLocale } from '../modules/catalog/service.js';
import { serviceDefinition } from '../modules/catalog/definition.js';
import { listLandmarks } from './analytics/repository.js';
import { deviceOf, headerValue, requireDevice } from './device-auth.js';
import { requireTenant } from '../modules/tenants/service.js';
import { submitKioskCase } from './submit-case.js';
import { recordHeartbeat } from './heartbeat-repository.js';
import { desiredVersion } from './config/config-repository.js';
import { registerBatchRoute } from './submit-batch.js';
import { evaluateAlertsOnHeartbeat } from './alerts/evaluator.js';

/** Keys are opaque to the hub; this only bounds what gets stored (a UUID is 36 characters). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;

const ERROR_RESPONSES = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 422: ApiErrorSchema, 500: ApiErrorSchema };
/** Paths are relative to FLEET_BASE_PATH, which app.ts uses as this plugin's prefix. */
const relative = (path: string) => path.slice('/fleet/v1'.length);

/**
 * @param publicBaseUrl PUBLIC_BASE_URL, or null to derive it from the request's own host (the
 *   address the kiosk reached us at), for the status-page links kiosks print in QR codes.
 */
export function fleetPlugin(db: HubDb, publicBaseUrl: string | null): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    app.setErrorHandler(makeErrorHandler(renderApiError));

    requireDevice(app, db);

    typed.post(
      relative(fleetRoutes.submitCase.path),
      {
        schema: {
          body: CaseSubmissionSchema,
          response: { 200: CaseAcceptedSchema, 201: CaseAcceptedSchema, ...ERROR_RESPONSES },
        },
        preValidation: async (request) => {
          const key = headerValue(request, IDEMPOTENCY_KEY_HEADER);
          if (key === undefined) throw badRequest('idempotency-key-missing', 'the Idempotency-Key header is required');
          if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
            throw badRequest('idempotency-key-missing', 'the Idempotency-Key header must be 8-200 visible ASCII characters');
          }
        },
      },
      async (request, reply) => {
        const key = headerValue(request, IDEMPOTENCY_KEY_HEADER) ?? '';
        const answer = await submitKioskCase(db, deviceOf(request), key, request.body);
        if (answer.replayed) reply.header('idempotent-replayed', 'true');
        // The stored bytes go out as they are (a string skips the serializer): a replay must be
        // indistinguishable from the first answer. Hence the untyped reply here.
        return (reply as FastifyReply).code(answer.statusCode).type('application/json; charset=utf-8').send(answer.body);
      },
    );

    // A backlog in one POST, each item through the same idempotency machinery (issue 6).
    registerBatchRoute(app, db, IDEMPOTENCY_KEY_PATTERN);

    // Health report: the hub stamps its own receive time (never trusts the kiosk clock) and answers
    // with it, so the kiosk can measure and report its skew.
    typed.post(
      relative(fleetRoutes.heartbeat.path),
      { schema: { body: HeartbeatSchema, response: { 200: HeartbeatAnswerSchema, ...ERROR_RESPONSES } } },
      async (request) => {
        const device = deviceOf(request);
        const receivedAt = new Date();
        await recordHeartbeat(db, { deviceId: device.id, tenantId: device.tenantId, receivedAt, heartbeat: request.body });
        await evaluateAlertsOnHeartbeat(db, device, receivedAt, request.log);
        // The desired configuration version rides along: a kiosk behind it fetches /fleet/v1/config.
        return { serverTime: receivedAt.toISOString(), desiredConfigVersion: await desiredVersion(db, device.id) };
      },
    );

    typed.get(
      relative(fleetRoutes.catalog.path),
      {
        schema: {
          querystring: z.object({ locale: LocaleSchema.optional() }),
          response: { 200: CatalogSchema, ...ERROR_RESPONSES },
        },
      },
      async (request): Promise<Catalog> => {
        const device = deviceOf(request);
        const tenant = await requireTenant(db, device.tenantId);
        const fallback = tenantLocale(tenant.default_locale);
        const locale = request.query.locale ?? fallback;
        const services = await localisedCatalog(db, tenant.id, locale, fallback);
        // The kiosk asks one question per screen from these: every service's definition, localised.
        const definitions = await Promise.all(services.map((s) => (s.metadata ? serviceDefinition(db, tenant.id, s.code, locale, fallback) : null)));
        const landmarks = await listLandmarks(db, tenant.id, locale, fallback);
        const baseUrl = publicBaseUrl ?? `${request.protocol}://${request.host}`;
        return {
          locale,
          municipality: {
            name: tenant.name,
            office: tenant.office_address,
            contact: tenant.contact,
            timeZone: tenant.time_zone,
            statusBaseUrl: `${baseUrl.replace(/\/$/, '')}/status`,
          },
          services: services.map((s, index) => ({
            serviceCode: s.code,
            name: s.name,
            description: s.description,
            group: s.groupName,
            keywords: [...s.keywords],
            locationless: s.locationless,
            attributes: (definitions[index]?.attributes ?? []).map((a) => ({
              code: a.code,
              variable: a.variable,
              datatype: a.datatype,
              required: a.required,
              description: a.description,
              datatypeDescription: a.datatypeDescription,
              values: a.values.map((v) => ({ key: v.key, name: v.name })),
            })),
          })),
          landmarks,
        };
      },
    );
  };
}

