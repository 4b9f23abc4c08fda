import type { FastifyInstance } from 'fastify';
import { ApiErrorSchema, CaseSubmissionSchema, SUBMIT_BATCH_PATH, SubmitBatchAnswerSchema, SubmitBatchSchema } from '@kiosk/shared';
import type { BatchItem, BatchResult } from '@kiosk/shared';
import type { HubDb } from '../db/database.js';
import { classifyError } from '../http/error-handler.js';
import type { ZodTypeProvider } from '../http/zod.js';
import type { AuthenticatedDevice } from '../modules/devices/service.js';
import { deviceOf } from './device-auth.js';
import { submitKioskCase } from './submit-case.js';

const ERROR_RESPONSES = { 400: ApiErrorSchema, 401: ApiErrorSchema, 413: ApiErrorSchema, 500: ApiErrorSchema };
/**
 * A batch may carry up to MAX_BATCH_ITEMS full submissions, more than the hub-wide body limit is
 * sized for; the kiosk keeps its batches well under this (and falls back to single POSTs on 413).
 */
export const BATCH_BODY_LIMIT_BYTES = 1024 * 1024;

function problem(idempotencyKey: string, statusCode: number, code: string, message: string): BatchResult {
  return { idempotencyKey, statusCode, replayed: false, body: { error: { code, message } } };
}

/**
 * One item, answered exactly as POST /fleet/v1/requests would answer it: same key checks, same
 * validation, same `submitKioskCase` (its own transaction, so items commit independently).
 */
async function answerItem(db: HubDb, device: AuthenticatedDevice, item: BatchItem, keyPattern: RegExp, log: FastifyInstance['log']): Promise<BatchResult> {
  const key = item.idempotencyKey;
  if (!keyPattern.test(key)) return problem(key, 400, 'idempotency-key-missing', 'the idempotencyKey must be 8-200 visible ASCII characters');
  const parsed = CaseSubmissionSchema.safeParse(item.submission);
  if (!parsed.success) {
    // Paths and rule messages only: zod does not quote the values, so nothing personal leaks.
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return problem(key, 400, 'invalid', `the submission is invalid (${where})`);
  }
  try {
    const answer = await submitKioskCase(db, device, key, parsed.data);
    return { idempotencyKey: key, statusCode: answer.statusCode, replayed: answer.replayed, body: JSON.parse(answer.body) as unknown };
  } catch (error) {
    const classified = classifyError(error);
    if (classified.statusCode >= 500) {
      const e = error as { name?: string; code?: string; message?: string };
      log.error({ err: { type: e.name, code: e.code, message: e.message } }, 'batch item failed');
    }
    return problem(key, classified.statusCode, classified.code, classified.message);
  }
}

/**
 * POST /fleet/v1/requests/batch, registered inside fleetPlugin (device auth and error handler
 * come from there). Items are processed in the order sent, one after another: the kiosk sends
 * them oldest first and the hub's per-device sequence checks expect that order.
 */
export function registerBatchRoute(app: FastifyInstance, db: HubDb, keyPattern: RegExp): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    SUBMIT_BATCH_PATH.slice('/fleet/v1'.length),
    { bodyLimit: BATCH_BODY_LIMIT_BYTES, schema: { body: SubmitBatchSchema, response: { 200: SubmitBatchAnswerSchema, ...ERROR_RESPONSES } } },
    async (request) => {
      const device = deviceOf(request);
      const results: BatchResult[] = [];
      for (const item of request.body.items) results.push(await answerItem(db, device, item, keyPattern, request.log));
      return { results };
    },
  );
}
