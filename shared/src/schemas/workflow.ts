import { z } from 'zod';
import { brokenRule, IsoDateTimeSchema } from './common.js';
import { ChannelSchema, StaffRoleSchema } from './console.js';

/**
 * The staff workflow on cases (hub /api/workflow <-> the console's cases pages): the queue with
 * its filters, one case, the changes staff make, bulk changes and the logged reveal of the
 * citizen's personal data.
 */

/**
 * The finer states staff give a case, each mapped to Open311's open|closed. `received` is where
 * every case starts. `duplicate` is reached only by a merge, so a duplicate always points at the
 * case it was merged into.
 */
export const DETAILED_STATUSES = {
  received: 'open',
  'in-progress': 'open',
  planned: 'open',
  'waiting-for-citizen': 'open',
  resolved: 'closed',
  rejected: 'closed',
  duplicate: 'closed',
} as const satisfies Record<string, 'open' | 'closed'>;

export type DetailedStatus = keyof typeof DETAILED_STATUSES;
export const DETAILED_STATUS_NAMES = Object.keys(DETAILED_STATUSES) as [DetailedStatus, ...DetailedStatus[]];
export const MERGED_DETAILED_STATUS = 'duplicate' satisfies DetailedStatus;
/** What staff may set by hand: every state but `duplicate`. */
export const SETTABLE_DETAILED_STATUSES = DETAILED_STATUS_NAMES.filter((s) => s !== MERGED_DETAILED_STATUS) as [DetailedStatus, ...DetailedStatus[]];

/** Cases per page of the staff queue when the console does not ask for a size. */
export const DEFAULT_QUEUE_PAGE_SIZE = 50;
/** Largest page of the staff queue: big enough for a screen, small enough to stay fast. */
export const MAX_QUEUE_PAGE_SIZE = 200;
/** Longest public or internal note (the same bound Open311 puts on a description). */
export const MAX_NOTE_CHARS = 4000;
/** Oldest age filter accepted (ten years): a larger number is a typo, not a query. */
export const MAX_AGE_FILTER_DAYS = 3650;
/** Most cases one bulk change may touch: each is its own transaction, so the bound keeps it quick. */
export const MAX_BULK_CASES = 100;

export const OpenClosedSchema = z.enum(['open', 'closed']);
export const DetailedStatusSchema = z.enum(DETAILED_STATUS_NAMES);
export const SettableDetailedStatusSchema = z.enum(SETTABLE_DETAILED_STATUSES);

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

export const QUEUE_SORTS = ['newest', 'oldest', 'updated', 'expected'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** GET /api/workflow/cases: every filter is applied by the hub, so a page and its total agree. */
export const CaseQueueQuerySchema = z.object({
  service: commaList(z.string().max(100)),
  status: commaList(OpenClosedSchema),
  detailed_status: commaList(DetailedStatusSchema),
  channel: commaList(ChannelSchema),
  /** The site of the kiosk that filed the case (cases from other channels have none). */
  office: commaList(z.string().max(100)),
  /** `me`, `none` or a user id. */
  assignee: z.string().trim().min(1).max(100).optional(),
  /** Only cases at least this many days old. */
  min_age_days: z.coerce.number().int().min(0).max(MAX_AGE_FILTER_DAYS).optional(),
  /** Only cases at most this many days old. */
  max_age_days: z.coerce.number().int().min(0).max(MAX_AGE_FILTER_DAYS).optional(),
  /** `breached`: open cases older than their service's promised days; `within`: every other case. */
  sla: z.enum(['breached', 'within']).optional(),
  sort: z.enum(QUEUE_SORTS).default('newest'),
  page: z.coerce.number().int().min(1).default(1),
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
  /** Site of the kiosk that filed it, or null (other channels, or a kiosk without a site). */
  office: z.string().nullable(),
  requestedAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  expectedAt: IsoDateTimeSchema.nullable(),
  /** requestedAt plus the service's promised days, or null when the service promises none. */
  slaDueAt: IsoDateTimeSchema.nullable(),
  /** Open and past slaDueAt. */
  slaBreached: z.boolean(),
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

const AuditDetailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

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
  /**
   * Whether this user may reveal the citizen's words and contact (POST .../personal-data, logged).
   * The detail itself never carries them, so opening a case does not expose anyone.
   */
  mayRevealPersonalData: z.boolean(),
  /** Whether this user may change the case (the console hides change controls otherwise). */
  mayChange: z.boolean(),
  /** What the citizen sees (status page, Open311 notes[]), oldest first. */
  publicHistory: z.array(
    z.object({ status: OpenClosedSchema, detailedStatus: z.string(), publicNote: z.string().nullable(), at: IsoDateTimeSchema }),
  ),
  /** Staff-only notes, oldest first. */
  internalNotes: z.array(z.object({ id: z.string(), author: z.string(), body: z.string(), at: IsoDateTimeSchema })),
  /** The audit trail of this case, oldest first. */
  events: z.array(z.object({ action: z.string(), actor: z.string(), details: AuditDetailsSchema, at: IsoDateTimeSchema })),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

/** POST /api/workflow/cases/:id/personal-data: the citizen's words and contact; each call is audited. */
export const CasePersonalDataSchema = z.object({
  description: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type CasePersonalData = z.infer<typeof CasePersonalDataSchema>;

const NoteSchema = z.string().trim().min(1).max(MAX_NOTE_CHARS);

export const AssignBodySchema = z.object({ assigneeId: z.string().min(1).max(100).nullable() });

export const StatusChangeBodySchema = z.object({
  detailedStatus: SettableDetailedStatusSchema,
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

/** POST /api/workflow/cases/bulk: one change applied to each case on its own, as if done one by one. */
export const BulkChangeBodySchema = z.object({
  ids: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .max(MAX_BULK_CASES)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'each case may appear once', ...brokenRule('duplicate') }),
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('assign'), assigneeId: z.string().min(1).max(100).nullable() }),
    z.object({ kind: z.literal('status'), detailedStatus: SettableDetailedStatusSchema, publicNote: NoteSchema.optional() }),
  ]),
});
export type BulkChangeBody = z.infer<typeof BulkChangeBodySchema>;

export const BulkResultSchema = z.object({
  /** Shared by the audit rows of every case this bulk change touched. */
  bulkId: z.string(),
  results: z.array(
    z.discriminatedUnion('ok', [
      z.object({ id: z.string(), ok: z.literal(true) }),
      z.object({ id: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  ),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

export const StaffListSchema = z.object({ staff: z.array(StaffRefSchema.extend({ role: StaffRoleSchema })) });
export type StaffList = z.infer<typeof StaffListSchema>;

export const DetailedStatusListSchema = z.object({
  statuses: z.array(z.object({ code: DetailedStatusSchema, status: OpenClosedSchema, settable: z.boolean() })),
});
export type DetailedStatusList = z.infer<typeof DetailedStatusListSchema>;

/** GET /api/workflow/filter-options: what the queue's service and office filters offer. */
export const QueueFilterOptionsSchema = z.object({
  services: z.array(z.object({ code: z.string(), name: z.string() })),
  offices: z.array(z.string()),
});
export type QueueFilterOptions = z.infer<typeof QueueFilterOptionsSchema>;
