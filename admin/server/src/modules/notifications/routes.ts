import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';

/** Notifications, retention and transparency figures: its HTTP routes. */
export function notificationRoutes(_db: HubDb, _config: HubConfig): FastifyPluginAsync {
  return async () => {};
}
