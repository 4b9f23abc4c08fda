import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import { kioskAppointmentRoutes } from './kiosk-routes.js';
import { publicAppointmentRoutes } from './public-routes.js';
import { seedDemoAppointments } from './seed.js';
import { DEFAULT_APPOINTMENT_SETTINGS } from './settings.js';
import type { AppointmentSettings } from './settings.js';
import { staffAppointmentRoutes } from './staff-routes.js';

export interface RouteOptions {
  readonly settings: AppointmentSettings;
  /** The clock; tests pass a fixed one to reach "too early" and "expired". */
  readonly now: () => Date;
}

export const PUBLIC_APPOINTMENTS_PATH = '/public/v1/appointments';
export const KIOSK_APPOINTMENTS_PATH = '/fleet/v1/appointments';
export const STAFF_APPOINTMENTS_PATH = '/api/appointments';

/**
 * Appointments and turns: its HTTP routes, for citizens on the web, kiosks and staff. Seeds the
 * demo municipality's offices lazily, before the first appointments request is handled
 * (idempotent; see seed.ts for why not a migration). Not at registration: building the app
 * must not need the database, or a hub could not even answer /healthz with 503.
 */
export function appointmentRoutes(db: HubDb, config: HubConfig, overrides: Partial<RouteOptions> = {}): FastifyPluginAsync {
  const options: RouteOptions = { settings: overrides.settings ?? DEFAULT_APPOINTMENT_SETTINGS, now: overrides.now ?? (() => new Date()) };
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  let seeded: Promise<void> | null = null;
  return async (app) => {
    app.addHook('onRequest', async () => {
      // One shared attempt; a failed one is forgotten so the next request tries again.
      seeded ??= seedDemoAppointments(db).catch((error: unknown) => {
        seeded = null;
        throw error;
      });
      await seeded;
    });
    await app.register(publicAppointmentRoutes(db, options), { prefix: PUBLIC_APPOINTMENTS_PATH });
    await app.register(kioskAppointmentRoutes(db, options), { prefix: KIOSK_APPOINTMENTS_PATH });
    await app.register(staffAppointmentRoutes(db, policy, options), { prefix: STAFF_APPOINTMENTS_PATH });
  };
}
