import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, ServiceEditSchema, StaffServiceListSchema, StaffServiceSchema } from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, protectStaffApi, sessionGuard } from '../auth/guard.js';
import { listServicesForStaff, serviceForStaff, updateServiceForStaff } from './editing.js';

/** /api/catalog: the console's service catalogue editor (admins and content editors write). */

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema };
const CodeParams = z.object({ code: z.string().min(1).max(100) });

export function catalogRoutes(db: HubDb, config: HubConfig): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    await app.register(
      async (api) => {
        protectStaffApi(api);
        const typed = api.withTypeProvider<ZodTypeProvider>();
        const preHandler = sessionGuard(db, policy);

        typed.get('/services', { schema: { response: { 200: StaffServiceListSchema, ...ERRORS } }, preHandler }, async (request) => listServicesForStaff(db, currentUser(request)));

        typed.get('/services/:code', { schema: { params: CodeParams, response: { 200: StaffServiceSchema, ...ERRORS } }, preHandler }, async (request) =>
          serviceForStaff(db, currentUser(request), request.params.code),
        );

        typed.put('/services/:code', { schema: { params: CodeParams, body: ServiceEditSchema, response: { 200: StaffServiceSchema, ...ERRORS } }, preHandler }, async (request) =>
          updateServiceForStaff(db, { user: currentUser(request), ip: request.ip === '' ? null : request.ip }, request.params.code, request.body),
        );
      },
      { prefix: '/api/catalog' },
    );
  };
}
