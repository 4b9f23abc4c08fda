import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { FleetBus } from '../bus/fleet-bus.js';

/** Placeholder: desired and reported configuration per kiosk, and rollouts in rings. */
export function deviceConfigRoutes(_db: HubDb, _config: HubConfig, _bus: FleetBus): FastifyPluginAsync {
  return async () => {};
}
