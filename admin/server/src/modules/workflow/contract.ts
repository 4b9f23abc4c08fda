import { z } from 'zod';
import { ChannelSchema, IsoDateTimeSchema, StaffRoleSchema } from '@kiosk/shared';
import { API_KEY_CHANNELS } from '../api-keys/service.js';
import {
  DEFAULT_AUDIT_PAGE_SIZE,
  DEFAULT_QUEUE_PAGE_SIZE,
  MAX_AGE_FILTER_DAYS,
  MAX_API_KEY_LABEL_CHARS,
  MAX_AUDIT_PAGE_SIZE,
  MAX_NOTE_CHARS,
  MAX_QUEUE_PAGE_SIZE,
} from './settings.js';
import { DETAILED_STATUS_NAMES, SETTABLE_DETAILED_STATUSES } from './statuses.js';

/**
 * The staff workflow's HTTP bodies (hub <-> console). They belong in @kiosk/shared
 * (schemas/console.ts) so admin/web can use them; they live here until the lead moves them.
 */

const OpenClosedSchema = z.enum(['open', 'closed']);
export const DetailedStatusSchema = z.enum(DETAILED_STATUS_NAMES);

/** `a,b,c` -> ['a','b','c']; an empty parameter counts as absent. */
function commaList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .max(2000)
    .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part !== ''))
    .pipe(z.array(item))
    .transform((list) => (list.length === 0 ? undefined : list))
    .optional();
}

const PageNumberSchema = z.coerce.number().int().min(1).default(1);

export const CaseQueueQuerySchema = z.object({
  service: commaList(z.string().max(100)),
  status: commaList(OpenClosedSchema),
  detailed_status: commaList(DetailedStatusSchema),
  channel: commaList(ChannelSchema),
  /** `me`, `none` or a user id. */
  assignee: z.string().trim().min(1).max(100).optional(),
  /** Only cases at least this many days old. */
  min_age_days: z.coerce.number().int().min(0).max(MAX_AGE_FILTER_DAYS).optional(),
  /** Only cases at most this many days old. */
  max_age_days: z.coerce.number().int().min(0).max(MAX_AGE_FILTER_DAYS).optional(),
  sort: z.enum(['newest', 'oldest']).default('newest'),
  page: PageNumberSchema,
  page_size: z.coerce.number().int().min(1).max(MAX_QUEUE_PAGE_SIZE).default(DEFAULT_QUEUE_PAGE_SIZE),
  locale: z.string().max(35).optional(),
});
export type CaseQueueQuery = z.output<typeof CaseQueueQuerySchema>;

const StaffRefSchema = z.object({ id: z.string(), username: z.string() });

export const QueueCaseSchema = z.object({
  id: z.string(),
  localReference: z.string().nullable(),
  serviceCode: z.string(),
  serviceName: z.string(),
  status: OpenClosedSchema,
  detailedStatus: z.string(),
  channel: ChannelSchema,
  requestedAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  expectedAt: IsoDateTimeSchema.nullable(),
  assignee: StaffRefSchema.nullable(),
  mergedInto: z.string().nullable(),
});
export type QueueCase = z.infer<typeof QueueCaseSchema>;

export const CaseQueueSchema = z.object({
  cases: z.array(QueueCaseSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type CaseQueue = z.infer<typeof CaseQueueSchema>;

export const CaseParamsSchema = z.object({ id: z.string().trim().min(1).max(100) });
export const CaseDetailQuerySchema = z.object({ locale: z.string().max(35).optional() });

export const CaseDetailSchema = QueueCaseSchema.extend({
  statusNotes: z.string().nullable(),
  location: z.object({
    address: z.string().nullable(),
    addressId: z.string().nullable(),
    lat: z.number().nullable(),
    long: z.number().nullable(),
    officeLocation: z.boolean(),
  }),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  mediaUrl: z.string().nullable(),
  locale: z.string().nullable(),
  /** Cases merged into this one. */
  duplicates: z.array(z.string()),
  /** Null for roles that only read (the citizen's words and contact stay with case handlers). */
  personal: z
    .object({
      description: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  /** What the citizen sees (status page, Open311 notes[]), oldest first. */
  publicHistory: z.array(
    z.object({ status: OpenClosedSchema, detailedStatus: z.string(), publicNote: z.string().nullable(), at: IsoDateTimeSchema }),
  ),
  /** Staff-only notes, oldest first. */
  internalNotes: z.array(z.object({ id: z.string(), author: z.string(), body: z.string(), at: IsoDateTimeSchema })),
  /** The audit trail of this case, oldest first. */
  events: z.array(
    z.object({
      action: z.string(),
      actor: z.string(),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      at: IsoDateTimeSchema,
    }),
  ),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

const NoteSchema = z.string().trim().min(1).max(MAX_NOTE_CHARS);

export const AssignBodySchema = z.object({ assigneeId: z.string().min(1).max(100).nullable() });

export const StatusChangeBodySchema = z.object({
  detailedStatus: z.enum(SETTABLE_DETAILED_STATUSES),
  /** Shown to the citizen (status page, Open311 status_notes and notes[]). */
  publicNote: NoteSchema.optional(),
  /** Staff only. */
  internalNote: NoteSchema.optional(),
});
export type StatusChangeBody = z.infer<typeof StatusChangeBodySchema>;

export const ExpectedBodySchema = z.object({ expectedAt: IsoDateTimeSchema.nullable() });
export const InternalNoteBodySchema = z.object({ body: NoteSchema });

export const MergeBodySchema = z.object({
  /** The case that stays; the one in the path becomes its closed duplicate. */
  into: z.string().trim().min(1).max(100),
  publicNote: NoteSchema.optional(),
  internalNote: NoteSchema.optional(),
});
export type MergeBody = z.infer<typeof MergeBodySchema>;

export const StaffListSchema = z.object({ staff: z.array(StaffRefSchema.extend({ role: StaffRoleSchema })) });

export const DetailedStatusListSchema = z.object({
  statuses: z.array(z.object({ code: DetailedStatusSchema, status: OpenClosedSchema, settable: z.boolean() })),
});

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
  page: PageNumberSchema,
  page_size: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE_SIZE).default(DEFAULT_AUDIT_PAGE_SIZE),
});
export const AuditListSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      actor: z.string(),
      targetType: z.string(),
      targetId: z.string(),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      ip: z.string().nullable(),
      at: IsoDateTimeSchema,
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
});
