import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { FleetBus } from '../../fleet/bus/fleet-bus.js';
import { fleetContentRoutes } from './fleet-routes.js';
import { publicContentRoutes } from './public-routes.js';
import { DEFAULT_CONTENT_SETTINGS } from './settings.js';
import type { ContentSettings } from './settings.js';
import { staffContentRoutes } from './staff-routes.js';

/**
 * FAQ and procedure content: the console editor, the kiosks' search and bundles, the public search.
 * `bus` rings the kiosks' doorbells when published content changes.
 */
export function contentRoutes(db: HubDb, config: HubConfig, bus: FleetBus, secrets: SecretBox, settings: ContentSettings = DEFAULT_CONTENT_SETTINGS): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    await app.register(staffContentRoutes(db, policy, bus), { prefix: '/api/content' });
    await app.register(fleetContentRoutes(db, secrets, settings), { prefix: '/fleet/v1/content' });
    await app.register(publicContentRoutes(db, settings), { prefix: '/public/v1/faq' });
  };
}
