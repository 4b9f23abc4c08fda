import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AlertInboxSchema,
  AlertRuleInputSchema,
  AlertRuleListSchema,
  AlertRuleSchema,
  AlertStateSchema,
  ApiErrorSchema,
  WebhookDeliveryListSchema,
  WebhookInputSchema,
  WebhookViewSchema,
  fleetAlertsApi,
} from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import type { SecretBox } from '../../security/secret-box.js';
import { currentUser, protectStaffApi, sessionGuard } from '../../modules/auth/guard.js';
import { listDeliveries } from './delivery.js';
import { acknowledgeAlert, listInbox } from './inbox.js';
import { createRule, deleteRule, listRules, updateRule } from './rules.js';
import { readWebhook, removeWebhook, saveWebhook } from './webhook-settings.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 500: ApiErrorSchema };
const IdParams = z.object({ id: z.string().min(1).max(100) });
const Done = z.object({ ok: z.literal(true) });

const actorOf = (request: FastifyRequest) => ({ user: currentUser(request), ip: request.ip ?? null });

/**
 * Staff API of the alerts: inbox (admin, operator, viewer read; admin and operator acknowledge),
 * rules and webhook (same split). Every change is audited; the CSRF header is required.
 * @param now injected by tests; the hub uses the wall clock.
 */
export function fleetAlertRoutes(db: HubDb, config: HubConfig, secrets: SecretBox, now: () => Date = () => new Date()): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    protectStaffApi(app);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const preHandler = sessionGuard(db, policy);

    typed.get(
      fleetAlertsApi.inbox,
      { schema: { querystring: z.object({ state: AlertStateSchema.optional() }), response: { 200: AlertInboxSchema, ...ERRORS } }, preHandler },
      async (request) => ({ alerts: await listInbox(db, currentUser(request), request.query.state) }),
    );
    typed.post(fleetAlertsApi.acknowledge, { schema: { params: IdParams, response: { 200: Done, ...ERRORS } }, preHandler }, async (request) => {
      await acknowledgeAlert(db, actorOf(request), request.params.id, now());
      return { ok: true as const };
    });

    typed.get(fleetAlertsApi.rules, { schema: { response: { 200: AlertRuleListSchema, ...ERRORS } }, preHandler }, async (request) => ({
      rules: await listRules(db, currentUser(request)),
    }));
    typed.post(fleetAlertsApi.rules, { schema: { body: AlertRuleInputSchema, response: { 201: AlertRuleSchema, ...ERRORS } }, preHandler }, async (request, reply) =>
      reply.code(201).send(await createRule(db, actorOf(request), request.body, now())),
    );
    typed.put(fleetAlertsApi.rule, { schema: { params: IdParams, body: AlertRuleInputSchema, response: { 200: AlertRuleSchema, ...ERRORS } }, preHandler }, async (request) =>
      updateRule(db, actorOf(request), request.params.id, request.body, now()),
    );
    typed.delete(fleetAlertsApi.rule, { schema: { params: IdParams, response: { 200: Done, ...ERRORS } }, preHandler }, async (request) => {
      await deleteRule(db, actorOf(request), request.params.id, now());
      return { ok: true as const };
    });

    typed.get(fleetAlertsApi.webhook, { schema: { response: { 200: WebhookViewSchema, ...ERRORS } }, preHandler }, async (request) => readWebhook(db, currentUser(request)));
    typed.put(fleetAlertsApi.webhook, { schema: { body: WebhookInputSchema, response: { 200: WebhookViewSchema, ...ERRORS } }, preHandler }, async (request) =>
      saveWebhook(db, secrets, actorOf(request), request.body, now()),
    );
    typed.delete(fleetAlertsApi.webhook, { schema: { response: { 200: Done, ...ERRORS } }, preHandler }, async (request) => {
      await removeWebhook(db, actorOf(request), now());
      return { ok: true as const };
    });
    typed.get(fleetAlertsApi.deliveries, { schema: { response: { 200: WebhookDeliveryListSchema, ...ERRORS } }, preHandler }, async (request) => ({
      deliveries: await listDeliveries(db, currentUser(request)),
    }));
  };
}
