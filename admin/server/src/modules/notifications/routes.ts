import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import { figuresRoutes } from './figures-routes.js';
import { privacyRoutes } from './privacy-routes.js';
import { DEFAULT_RETENTION_OPTIONS } from './retention.js';
import { slaRoutes } from './sla-routes.js';

/**
 * Notifications, retention and transparency figures: its HTTP routes. The outbox and retention
 * have no routes of their own: the hub's scheduler calls runNotificationOutbox and runRetention.
 */
export function notificationRoutes(db: HubDb, config: HubConfig): FastifyPluginAsync {
  return async (app) => {
    const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
    await app.register(figuresRoutes(db));
    await app.register(slaRoutes(db, policy), { prefix: '/api/figures' });
    await app.register(privacyRoutes(db, policy, DEFAULT_RETENTION_OPTIONS), { prefix: '/api/privacy' });
  };
}
