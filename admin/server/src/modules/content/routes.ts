import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';

/** FAQ and procedure content: its HTTP routes. */
export function contentRoutes(_db: HubDb, _config: HubConfig): FastifyPluginAsync {
  return async () => {};
}
