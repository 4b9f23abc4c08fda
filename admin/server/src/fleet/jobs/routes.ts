import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { FleetBus } from '../bus/fleet-bus.js';

/** Placeholder: remote jobs: the WebSocket doorbell, job polling and results (kiosk side), creating and cancelling jobs (staff side). */
export function fleetJobRoutes(_db: HubDb, _config: HubConfig, _bus: FleetBus): FastifyPluginAsync {
  return async () => {};
}
