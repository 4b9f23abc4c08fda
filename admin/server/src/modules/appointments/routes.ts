import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';

/** Appointments and turns: its HTTP routes. */
export function appointmentRoutes(_db: HubDb, _config: HubConfig): FastifyPluginAsync {
  return async () => {};
}
