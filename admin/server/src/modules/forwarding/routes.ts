import type { FastifyPluginAsync } from 'fastify';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import type { SecretBox } from '../../security/secret-box.js';
import { currentUser, requireCsrfHeader, sessionGuard } from '../auth/guard.js';
import { ForwardingOutboxViewSchema, ForwardingSettingsInputSchema, ForwardingSettingsViewSchema } from './contract.js';
import { readForwardingOutbox, readForwardingSettings, saveForwardingSettings } from './service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 500: ApiErrorSchema, 503: ApiErrorSchema };

/** Forwarding to a municipality's external GeoReport v2 server: its staff routes. */
export function forwardingRoutes(db: HubDb, config: HubConfig, secrets: SecretBox): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    app.addHook('onRequest', requireCsrfHeader);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const guard = sessionGuard(db, policy);

    typed.get('/api/forwarding', { schema: { response: { 200: ForwardingSettingsViewSchema, ...ERRORS } }, preHandler: guard }, async (request) =>
      readForwardingSettings(db, secrets, currentUser(request)),
    );

    typed.put(
      '/api/forwarding',
      { schema: { body: ForwardingSettingsInputSchema, response: { 200: ForwardingSettingsViewSchema, ...ERRORS } }, preHandler: guard },
      async (request) => saveForwardingSettings(db, secrets, currentUser(request), request.body, new Date()),
    );

    typed.get('/api/forwarding/outbox', { schema: { response: { 200: ForwardingOutboxViewSchema, ...ERRORS } }, preHandler: guard }, async (request) =>
      readForwardingOutbox(db, currentUser(request)),
    );
  };
}
