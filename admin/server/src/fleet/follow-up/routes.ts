import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, DEFAULT_LOCALE, FLEET_BASE_PATH, FollowUpCaseSchema, LocaleSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { makeErrorHandler, renderApiError } from '../../http/error-handler.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { deviceOf, requireDevice } from '../device-auth.js';
import { publicCaseFor } from './service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema };

/**
 * GET /fleet/v1/follow-up/{idOrReference}?locale=: a kiosk asks for the public status of a case of
 * its own municipality (follow-up journey), filed through any channel.
 */
export function followUpRoutes(db: HubDb): FastifyPluginAsync {
  return async (app) => {
    await app.register(
      async (fleet) => {
        const typed = fleet.withTypeProvider<ZodTypeProvider>();
        fleet.setErrorHandler(makeErrorHandler(renderApiError));
        requireDevice(fleet, db);
        typed.get(
          '/follow-up/:idOrReference',
          {
            schema: {
              params: z.object({ idOrReference: z.string().min(1).max(64) }),
              querystring: z.object({ locale: LocaleSchema.default(DEFAULT_LOCALE) }),
              response: { 200: FollowUpCaseSchema, ...ERRORS },
            },
          },
          async (request) => publicCaseFor(db, deviceOf(request).tenantId, request.params.idOrReference, request.query.locale),
        );
      },
      { prefix: FLEET_BASE_PATH },
    );
  };
}
