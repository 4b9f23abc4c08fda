import type { FastifyPluginAsync, FastifyReply, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, ConsoleFiguresQuerySchema, ConsoleFiguresSchema, FigureTableSchema, LocaleSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { badRequest } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser } from '../../modules/auth/guard.js';
import { tenantLocale } from '../../modules/catalog/service.js';
import { daysBetween, isDay } from '../../modules/appointments/zoned-time.js';
import { requireTenant } from '../../modules/tenants/service.js';
import { requireRole, type StaffRole } from '../../modules/workflow/roles.js';
import { consoleFigures } from './console-figures.js';
import { figureTableCsv } from './csv.js';

/** Widest range one figures request may cover: a year (plus a leap day). */
export const MAX_FIGURES_RANGE_DAYS = 366;
export const CONSOLE_FIGURES_PATH = '/api/figures/console';
export const FIGURES_EXPORT_PATH = '/api/figures/export';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 500: ApiErrorSchema };
const QuerySchema = ConsoleFiguresQuerySchema.extend({ locale: LocaleSchema.optional() });

function checkRange(from: string, to: string): void {
  if (!isDay(from) || !isDay(to)) throw badRequest('invalid-date', 'from and to must be dates (YYYY-MM-DD)');
  const span = daysBetween(from, to);
  if (span < 0) throw badRequest('invalid-range', 'from must not be after to');
  if (span >= MAX_FIGURES_RANGE_DAYS) throw badRequest('invalid-range', `the range may cover at most ${MAX_FIGURES_RANGE_DAYS} days`);
}

/** The console's figures (JSON) and each of its tables as CSV; staff session, figure readers only. */
export function consoleFiguresRoutes(db: HubDb, guard: preHandlerHookHandler, readers: ReadonlySet<StaffRole>): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const figuresFor = async (user: ReturnType<typeof currentUser>, query: z.infer<typeof QuerySchema>) => {
      requireRole(user, readers, 'read kiosk usage figures');
      checkRange(query.from, query.to);
      const tenant = await requireTenant(db, user.tenantId);
      const fallback = tenantLocale(tenant.default_locale);
      return consoleFigures(db, tenant, query, query.locale ?? fallback, fallback);
    };

    typed.get(CONSOLE_FIGURES_PATH, { schema: { querystring: QuerySchema, response: { 200: ConsoleFiguresSchema, ...ERRORS } }, preHandler: guard }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return figuresFor(currentUser(request), request.query);
    });

    typed.get(
      `${FIGURES_EXPORT_PATH}/:table`,
      { schema: { params: z.object({ table: FigureTableSchema }), querystring: QuerySchema, response: ERRORS }, preHandler: guard },
      async (request, reply) => {
        const figures = await figuresFor(currentUser(request), request.query);
        const site = request.query.site === undefined ? '' : '-site';
        // A string body with no 200 schema skips the JSON serializer; hence the untyped reply.
        return (reply as FastifyReply)
          .type('text/csv; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="figures-${request.params.table}-${request.query.from}-${request.query.to}${site}.csv"`)
          .send(figureTableCsv(figures, request.params.table));
      },
    );
  };
}
