import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import formbody from '@fastify/formbody';
import { FLEET_BASE_PATH } from '@kiosk/shared';
import type { HubConfig } from './config.js';
import type { HubDb } from './db/database.js';
import { consolePlugin } from './console/plugin.js';
import { fleetPlugin } from './fleet/routes.js';
import { createInProcessFleetBus } from './fleet/bus/fleet-bus.js';
import type { FleetBus } from './fleet/bus/fleet-bus.js';
import { fleetJobRoutes } from './fleet/jobs/routes.js';
import { deviceConfigRoutes } from './fleet/config/routes.js';
import { rolloutListRoutes } from './fleet/config/rollout-routes.js';
import { fleetAlertRoutes } from './fleet/alerts/routes.js';
import { enrolmentRoutes } from './fleet/enrolment/routes.js';
import { deadLetterRoutes } from './fleet/dead-letters/routes.js';
import { fleetViewRoutes } from './fleet/overview/routes.js';
import { loadFleetSettings } from './fleet/config/settings.js';
import { followUpRoutes } from './fleet/follow-up/routes.js';
import { intakeRoutes } from './fleet/analytics/routes.js';
import { makeErrorHandler, renderApiError } from './http/error-handler.js';
import { notFound } from './http/problems.js';
import { addSecurityHeaders, applySecurityHeaders } from './http/security-headers.js';
import { rejectNulCharacters } from './http/reject-nul.js';
import { zodSerializerCompiler, zodValidatorCompiler } from './http/zod.js';
import { authRoutes } from './modules/auth/routes.js';
import { protectStaffApi, requireSessionOnStaffApi } from './modules/auth/guard.js';
import { userRoutes } from './modules/users/routes.js';
import { caseRoutes } from './modules/cases/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { statusPageRoutes } from './modules/status-page/routes.js';
import { appointmentRoutes } from './modules/appointments/routes.js';
import { contentRoutes } from './modules/content/routes.js';
import { catalogRoutes } from './modules/catalog/staff-routes.js';
import { workflowRoutes } from './modules/workflow/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { forwardingRoutes } from './modules/forwarding/routes.js';
import { collectRoutes } from './modules/workflow/openapi/route-catalog.js';
import { Open311Errors, renderOpen311Error } from './open311/errors.js';
import { loadSecretBox } from './security/secret-keys.js';
import type { SecretBox } from './security/secret-box.js';
import { OPEN311_PREFIX, open311Plugin } from './open311/routes.js';

export interface BuildAppOptions {
  readonly db: HubDb;
  readonly config: HubConfig;
  /** Pino options, or false for silence (tests). Defaults to JSON logs at config.logLevel. */
  readonly logger?: FastifyServerOptions['logger'];
  /** How hub processes signal fleet events to each other; one process needs only the default. */
  readonly bus?: FleetBus;
  /** PEM key and certificate chain: the app serves HTTPS when it listens (startHub reads config.tls). */
  readonly https?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** The key ring for stored secrets; loaded from config.secretKeys when not given. */
  readonly secrets?: SecretBox;
}

/** Logs what a request was, never what it carried: no bodies, headers or query strings. */
function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        path: request.url.split('?')[0],
        remoteAddress: request.ip,
      }),
    },
  };
}

/** A URL Fastify cannot route (bad percent-encoding, an over-long parameter): the same 4xx shapes as every other refusal. */
function answerUnroutableUrl(error: Error, request: FastifyRequest, reply: FastifyReply) {
  applySecurityHeaders(request, reply); // no onSend hook runs on this path
  const render = request.url.startsWith(`${OPEN311_PREFIX}/`) ? renderOpen311Error : renderApiError;
  return makeErrorHandler(render)(error, request, reply);
}

/** Builds the whole hub (plugins in a fixed order: third-party, then routes). Never listens. */
export async function buildApp({ db, config, logger, bus = createInProcessFleetBus(), https, secrets = loadSecretBox(config.secretKeys) }: BuildAppOptions): Promise<FastifyInstance> {
  // Fastify types an HTTPS instance apart from an HTTP one, but routes, hooks and inject() are the
  // same; the rest of the hub sees one FastifyInstance type.
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    // Without this, Fastify answers a malformed URL (`/api/cases%zz`) itself: its own body shape, no security headers.
    frameworkErrors: answerUnroutableUrl,
    ...(https === undefined ? {} : { https: { key: https.key, cert: https.cert } }),
  }) as unknown as FastifyInstance;
  // Before any route: Fastify reports routes only to hooks registered ahead of them (/openapi.json).
  collectRoutes(app);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  addSecurityHeaders(app);
  rejectNulCharacters(app);
  await app.register(formbody);

  app.setErrorHandler(makeErrorHandler(renderApiError));
  const handleOpen311 = makeErrorHandler(renderOpen311Error);
  const handleApi = makeErrorHandler(renderApiError);
  app.setNotFoundHandler((request: FastifyRequest, reply) =>
    request.url.startsWith(`${OPEN311_PREFIX}/`)
      ? handleOpen311(new Open311Errors(404, [{ key: 'unknown-endpoint' }]), request, reply)
      : handleApi(notFound('not-found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`), request, reply),
  );

  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  requireSessionOnStaffApi(app, db, policy);
  await app.register(healthRoutes(db));
  await app.register(open311Plugin({ db, publicBaseUrl: config.publicBaseUrl }), { prefix: OPEN311_PREFIX });
  await app.register(fleetPlugin(db, config.publicBaseUrl), { prefix: FLEET_BASE_PATH });
  await app.register(
    async (api) => {
      protectStaffApi(api);
      await api.register(authRoutes(db, config, secrets), { prefix: '/auth' });
      await api.register(userRoutes(db, policy), { prefix: '/users' });
      await api.register(caseRoutes(db, policy, config.caseListLimit));
    },
    { prefix: '/api' },
  );
  await app.register(statusPageRoutes(db));
  // Each module owns its paths and its own auth (public, kiosk credential or staff session).
  await app.register(appointmentRoutes(db, config));
  await app.register(contentRoutes(db, config, bus, secrets));
  await app.register(catalogRoutes(db, config));
  await app.register(workflowRoutes(db, config));
  await app.register(notificationRoutes(db, config));
  await app.register(forwardingRoutes(db, config, secrets));
  await app.register(fleetJobRoutes(db, config, bus));
  await app.register(deviceConfigRoutes(db, config, bus, secrets));
  await app.register(rolloutListRoutes(db, config));
  await app.register(fleetAlertRoutes(db, config, secrets));
  await app.register(enrolmentRoutes(db, config, bus));
  await app.register(deadLetterRoutes(db, config, bus));
  // The same heartbeat interval and offline limits the fleet's timers use (FLEET_* environment).
  await app.register(fleetViewRoutes(db, config, { policy: loadFleetSettings(process.env).status }));
  await app.register(followUpRoutes(db));
  await app.register(intakeRoutes(db, config, bus));
  await app.register(consolePlugin(config.consoleDir));
  return app;
}
