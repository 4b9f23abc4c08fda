import { z } from 'zod';
import { FLEET_BASE_PATH } from './fleet.js';

/**
 * Batched submission (issue 6): a kiosk with a backlog sends up to MAX_BATCH_ITEMS cases in one
 * POST. Each item goes through the same idempotency machinery as POST /fleet/v1/requests and gets
 * its own answer, so one bad item never fails the others. Items are validated one by one on the
 * hub (hence `submission: unknown` here): a malformed item is answered 400 in its slot.
 */
export const SUBMIT_BATCH_PATH = `${FLEET_BASE_PATH}/requests/batch`;
export const MAX_BATCH_ITEMS = 100;

export const BatchItemSchema = z.object({
  idempotencyKey: z.string(),
  submission: z.unknown(),
});
export type BatchItem = z.infer<typeof BatchItemSchema>;

export const SubmitBatchSchema = z.object({ items: z.array(BatchItemSchema).min(1).max(MAX_BATCH_ITEMS) });
export type SubmitBatch = z.infer<typeof SubmitBatchSchema>;

/**
 * One item's answer: the status and body the single route would have answered for it (a
 * CaseAccepted on 2xx, an ApiError otherwise), in the order the items were sent.
 */
export const BatchResultSchema = z.object({
  idempotencyKey: z.string(),
  statusCode: z.number().int(),
  replayed: z.boolean(),
  body: z.unknown(),
});
export type BatchResult = z.infer<typeof BatchResultSchema>;

export const SubmitBatchAnswerSchema = z.object({ results: z.array(BatchResultSchema) });
export type SubmitBatchAnswer = z.infer<typeof SubmitBatchAnswerSchema>;
