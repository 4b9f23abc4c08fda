import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { FleetBus } from '../bus/fleet-bus.js';

/** Placeholder: kiosk enrolment: code shown by a new kiosk, approved by an admin, credential handed over once. */
export function enrolmentRoutes(_db: HubDb, _config: HubConfig, _bus: FleetBus): FastifyPluginAsync {
  return async () => {};
}
