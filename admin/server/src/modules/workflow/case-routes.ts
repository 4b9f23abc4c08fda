import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, sessionGuard } from '../auth/guard.js';
import type { SessionPolicy } from '../auth/service.js';
import type { Actor } from './audit.js';
import { addInternalNote, assignCase, changeStatus, mergeCase, setExpected, type StatusChangeFollowUp } from './case-changes.js';
import { notifyCaseStatusChanged } from '../notifications/case-notifications.js';
import { bulkChange } from './bulk-changes.js';
import { caseDetail, listQueue, queueFilterOptions } from './case-queries.js';
import { revealPersonalData } from './personal-data.js';
import type { LocaleWish } from './case-queries.js';
import {
  AssignBodySchema,
  BulkChangeBodySchema,
  BulkResultSchema,
  CaseDetailQuerySchema,
  CaseDetailSchema,
  CaseParamsSchema,
  CasePersonalDataSchema,
  CaseQueueQuerySchema,
  CaseQueueSchema,
  DetailedStatusListSchema,
  ExpectedBodySchema,
  InternalNoteBodySchema,
  MergeBodySchema,
  QueueFilterOptionsSchema,
  StaffListSchema,
  StatusChangeBodySchema,
} from './contract.js';
import { assignableStaff } from './staff.js';
import { DETAILED_STATUSES, DETAILED_STATUS_NAMES, MERGED_DETAILED_STATUS } from './statuses.js';

const READ_ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema };
const WRITE_ERRORS = { ...READ_ERRORS, 409: ApiErrorSchema };

export function actorOf(request: FastifyRequest): Actor {
  return { user: currentUser(request), ip: request.ip === '' ? null : request.ip };
}

function wishOf(request: FastifyRequest, explicit: string | undefined): LocaleWish {
  return { explicit, acceptLanguage: request.headers['accept-language'] };
}

/** /api/workflow: the caseworkers' queue and every change they make to a case. */
/**
 * @param publicBaseUrl PUBLIC_BASE_URL, or null for the request's own host: the status-page link
 *   in the citizen's notification.
 */
export function caseWorkflowRoutes(db: HubDb, policy: SessionPolicy, publicBaseUrl: string | null): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const guard = sessionGuard(db, policy);
    /** The citizen hears of a status change on their chosen channel, queued in the same transaction. */
    const notifierFor = (request: FastifyRequest): StatusChangeFollowUp => {
      const statusBase = `${(publicBaseUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '')}/status`;
      return async (trx, tenantId, caseId, at) => {
        await notifyCaseStatusChanged(trx, tenantId, caseId, statusBase, at);
      };
    };
    const detailOf = (request: FastifyRequest, id: string) => caseDetail(db, currentUser(request), id, wishOf(request, undefined));

    typed.get('/statuses', { schema: { response: { 200: DetailedStatusListSchema, ...READ_ERRORS } }, preHandler: guard }, async () => ({
      statuses: DETAILED_STATUS_NAMES.map((code) => ({ code, status: DETAILED_STATUSES[code], settable: code !== MERGED_DETAILED_STATUS })),
    }));

    typed.get('/staff', { schema: { response: { 200: StaffListSchema, ...READ_ERRORS } }, preHandler: guard }, async (request) => ({
      staff: await assignableStaff(db, currentUser(request)),
    }));

    typed.get(
      '/filter-options',
      { schema: { querystring: CaseDetailQuerySchema, response: { 200: QueueFilterOptionsSchema, ...READ_ERRORS } }, preHandler: guard },
      async (request) => queueFilterOptions(db, currentUser(request), wishOf(request, request.query.locale)),
    );

    typed.get(
      '/cases',
      { schema: { querystring: CaseQueueQuerySchema, response: { 200: CaseQueueSchema, ...READ_ERRORS } }, preHandler: guard },
      async (request) => listQueue(db, currentUser(request), request.query, wishOf(request, request.query.locale)),
    );

    typed.get(
      '/cases/:id',
      { schema: { params: CaseParamsSchema, querystring: CaseDetailQuerySchema, response: { 200: CaseDetailSchema, ...READ_ERRORS } }, preHandler: guard },
      async (request) => caseDetail(db, currentUser(request), request.params.id, wishOf(request, request.query.locale)),
    );

    typed.post(
      '/cases/:id/assign',
      { schema: { params: CaseParamsSchema, body: AssignBodySchema, response: { 200: CaseDetailSchema, ...WRITE_ERRORS } }, preHandler: guard },
      async (request) => detailOf(request, await assignCase(db, actorOf(request), request.params.id, request.body.assigneeId)),
    );

    typed.post(
      '/cases/:id/status',
      { schema: { params: CaseParamsSchema, body: StatusChangeBodySchema, response: { 200: CaseDetailSchema, ...WRITE_ERRORS } }, preHandler: guard },
      async (request) => detailOf(request, await changeStatus(db, actorOf(request), request.params.id, request.body, undefined, notifierFor(request))),
    );

    typed.post(
      '/cases/:id/expected',
      { schema: { params: CaseParamsSchema, body: ExpectedBodySchema, response: { 200: CaseDetailSchema, ...WRITE_ERRORS } }, preHandler: guard },
      async (request) => detailOf(request, await setExpected(db, actorOf(request), request.params.id, request.body.expectedAt)),
    );

    typed.post(
      '/cases/:id/notes',
      { schema: { params: CaseParamsSchema, body: InternalNoteBodySchema, response: { 200: CaseDetailSchema, ...WRITE_ERRORS } }, preHandler: guard },
      async (request) => detailOf(request, await addInternalNote(db, actorOf(request), request.params.id, request.body.body)),
    );

    typed.post(
      '/cases/:id/merge',
      { schema: { params: CaseParamsSchema, body: MergeBodySchema, response: { 200: CaseDetailSchema, ...WRITE_ERRORS } }, preHandler: guard },
      async (request) => detailOf(request, await mergeCase(db, actorOf(request), request.params.id, request.body)),
    );

    typed.post(
      '/cases/bulk',
      { schema: { body: BulkChangeBodySchema, response: { 200: BulkResultSchema, ...WRITE_ERRORS } }, preHandler: guard },
      async (request) => bulkChange(db, actorOf(request), request.body, notifierFor(request)),
    );

    // A POST, not a GET: each call writes an audit row, and a GET could be prefetched or cached.
    typed.post(
      '/cases/:id/personal-data',
      { schema: { params: CaseParamsSchema, response: { 200: CasePersonalDataSchema, ...WRITE_ERRORS } }, preHandler: guard },
      async (request) => revealPersonalData(db, actorOf(request), request.params.id),
    );
  };
}
