import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { HubDb } from '../../db/database.js';
import { databaseAnswers } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';

const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']) });

/** GET /healthz: 200 while the database answers, 503 when it does not (load balancers drain us). */
export function healthRoutes(db: HubDb): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/healthz',
      { schema: { response: { 200: HealthSchema, 503: HealthSchema } } },
      async (_request, reply) => {
        if (await databaseAnswers(db)) return reply.code(200).send({ status: 'ok', database: 'ok' });
        return reply.code(503).send({ status: 'degraded', database: 'unreachable' });
      },
    );
  };
}
