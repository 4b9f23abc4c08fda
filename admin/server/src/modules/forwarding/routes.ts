import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';

/** Forwarding to a municipality's external GeoReport v2 server: its staff routes. */
export function forwardingRoutes(_db: HubDb, _config: HubConfig): FastifyPluginAsync {
  return async () => {};
}
