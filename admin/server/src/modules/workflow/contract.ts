import { z } from 'zod';
import { IsoDateTimeSchema } from '@kiosk/shared';
import { API_KEY_CHANNELS } from '../api-keys/service.js';
import { DEFAULT_AUDIT_PAGE_SIZE, MAX_API_KEY_LABEL_CHARS, MAX_AUDIT_PAGE_SIZE } from './settings.js';

/**
 * The staff workflow's HTTP bodies. The cases' ones live in @kiosk/shared (schemas/workflow.ts),
 * shared with the console, and are re-exported here; API keys and the audit log stay until the
 * console's pages for them move them too.
 */
export {
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
  DetailedStatusSchema,
  ExpectedBodySchema,
  InternalNoteBodySchema,
  MergeBodySchema,
  QueueCaseSchema,
  QueueFilterOptionsSchema,
  StaffListSchema,
  StatusChangeBodySchema,
} from '@kiosk/shared';
export type {
  BulkChangeBody,
  BulkResult,
  CaseDetail,
  CasePersonalData,
  CaseQueue,
  CaseQueueQuery,
  MergeBody,
  QueueCase,
  QueueFilterOptions,
  StatusChangeBody,
} from '@kiosk/shared';

const PageNumberSchema = z.coerce.number().int().min(1).default(1);

export const ApiKeyChannelSchema = z.enum(API_KEY_CHANNELS);
export const ApiKeySummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  channel: z.string(),
  createdAt: IsoDateTimeSchema,
  revokedAt: IsoDateTimeSchema.nullable(),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummarySchema>;
export const ApiKeyListSchema = z.object({ keys: z.array(ApiKeySummarySchema) });
export const CreateApiKeyBodySchema = z.object({
  label: z.string().trim().min(1).max(MAX_API_KEY_LABEL_CHARS),
  channel: ApiKeyChannelSchema,
});
/** The key itself appears in this answer only: the hub keeps its hash. */
export const CreatedApiKeySchema = ApiKeySummarySchema.extend({ key: z.string() });
export const ApiKeyParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const AuditQuerySchema = z.object({
  target_type: z.enum(['case', 'api-key']).optional(),
  target_id: z.string().min(1).max(100).optional(),
  /** The console's audit page filters: who (username), what (action prefix), when (ISO days, inclusive). */
  actor: z.string().trim().min(1).max(100).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: PageNumberSchema,
  page_size: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE_SIZE).default(DEFAULT_AUDIT_PAGE_SIZE),
});
// The console parses the same shape: it lives in @kiosk/shared.
export { AuditListSchema } from '@kiosk/shared';
