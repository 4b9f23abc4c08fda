import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { FleetBus } from '../bus/fleet-bus.js';

/** Placeholder: requests a kiosk dead-lettered: reported by the kiosk, inspected, fixed and re-sent by staff. */
export function deadLetterRoutes(_db: HubDb, _config: HubConfig, _bus: FleetBus): FastifyPluginAsync {
  return async () => {};
}
