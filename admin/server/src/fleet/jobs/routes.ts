import type { FastifyPluginAsync } from 'fastify';
import { FLEET_BASE_PATH } from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { attachDoorbell } from './doorbell.js';
import type { DoorbellOptions } from './doorbell.js';
import { jobKioskRoutes } from './kiosk-routes.js';
import { jobScreenshotRoutes } from './screenshot-routes.js';
import { jobStaffRoutes } from './staff-routes.js';

/** Remote jobs: staff API (/api/fleet/jobs), kiosk API (/fleet/v1/jobs) and the WebSocket doorbell. */
export function fleetJobRoutes(db: HubDb, config: HubConfig, bus: FleetBus, doorbell: DoorbellOptions = {}): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    await app.register(jobStaffRoutes(db, policy, bus), { prefix: '/api/fleet/jobs' });
    await app.register(jobKioskRoutes(db), { prefix: FLEET_BASE_PATH });
    await app.register(jobScreenshotRoutes(db, policy));
    attachDoorbell(app, db, bus, doorbell);
  };
}
