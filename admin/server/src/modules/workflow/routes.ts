import type { FastifyPluginAsync } from 'fastify';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import { protectStaffApi } from '../auth/guard.js';
import { adminRoutes } from './admin-routes.js';
import { caseWorkflowRoutes } from './case-routes.js';
import { openApiRoutes } from './openapi/routes.js';

/**
 * The staff workflow on cases (/api/workflow), Open311 API keys and the audit log (/api/api-keys,
 * /api/audit), and the OpenAPI document of the whole hub (/openapi.json, public).
 */
export function workflowRoutes(db: HubDb, config: HubConfig): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    await app.register(
      async (api) => {
        // Case data and fresh API keys must not linger in a shared browser's cache.
        protectStaffApi(api);
        await api.register(caseWorkflowRoutes(db, policy, config.publicBaseUrl), { prefix: '/workflow' });
        await api.register(adminRoutes(db, policy));
      },
      { prefix: '/api' },
    );
    await app.register(openApiRoutes(config.publicBaseUrl));
  };
}
