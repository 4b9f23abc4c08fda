import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';

/** The staff workflow on cases: its HTTP routes. */
export function workflowRoutes(_db: HubDb, _config: HubConfig): FastifyPluginAsync {
  return async () => {};
}
