import { z } from 'zod';
import { CaseSubmissionSchema } from '../schemas/case-submission.js';
import { AttributeValuesSchema, CitizenContactSchema, DescriptionSchema } from '../schemas/case-submission.js';
import { IsoDateTimeSchema, LocaleSchema } from '../schemas/common.js';
import { FLEET_BASE_PATH } from './fleet.js';

// The outbox protocol's batch messages live next door; exported from here so the package index
// needs no new line.
export * from './outbox-batch.js';

/**
 * Dead letters (issue 6): requests the hub refused with a 4xx that retrying cannot fix. The kiosk
 * reports each one (with the submission, so staff can see what went wrong), staff fix and resend
 * it from the console, the kiosk polls for fixes, applies them to its own row (new payload, new
 * Idempotency-Key) and confirms; the hub then marks the dead letter resent.
 */
export const DEAD_LETTERS_PATH = `${FLEET_BASE_PATH}/dead-letters`;
export const DEAD_LETTER_FIXES_PATH = `${FLEET_BASE_PATH}/dead-letters/fixes`;
/** POST here (`:id` = the hub's dead-letter id) once a fix is applied to the kiosk's row. */
export const deadLetterFixAppliedPath = (id: string) => `${DEAD_LETTERS_PATH}/${encodeURIComponent(id)}/applied`;

/** Kiosk -> hub. One dead letter per (device, localReference); a repeat with the same key changes nothing. */
export const DeadLetterReportSchema = z.object({
  /** The kiosk's own outbox row id, echoed in fixes so the kiosk finds its row (checked against the reference). */
  outboxId: z.number().int().positive(),
  /** The key of the attempt the hub refused. */
  idempotencyKey: z.string().min(1).max(200),
  statusCode: z.number().int().min(400).max(499),
  error: z.string().max(500),
  deadAt: IsoDateTimeSchema,
  submission: CaseSubmissionSchema,
});
export type DeadLetterReport = z.infer<typeof DeadLetterReportSchema>;

export const DeadLetterReportAnswerSchema = z.object({ id: z.string(), state: z.string() });

export const DEAD_LETTER_STATES = ['open', 'resend-requested', 'resent'] as const;
export type DeadLetterState = (typeof DEAD_LETTER_STATES)[number];

/** Hub -> kiosk: a dead letter staff asked to resend, with the submission to send now. */
export const DeadLetterFixSchema = z.object({
  id: z.string(),
  outboxId: z.number().int().positive(),
  /** Minted at each resend request: lets the kiosk apply a fix exactly once. */
  fixId: z.string(),
  submission: CaseSubmissionSchema,
});
export type DeadLetterFix = z.infer<typeof DeadLetterFixSchema>;
export const DeadLetterFixListSchema = z.object({ fixes: z.array(DeadLetterFixSchema) });

export const DeadLetterFixAppliedSchema = z.object({ fixId: z.string(), idempotencyKey: z.string().min(1).max(200) });
export type DeadLetterFixApplied = z.infer<typeof DeadLetterFixAppliedSchema>;

/** Staff (console): what may be corrected. Reference, sequence and filing time never change. */
export const DeadLetterCorrectionSchema = z
  .object({
    serviceCode: z.string().min(1).max(64).optional(),
    description: DescriptionSchema.optional(),
    attributes: AttributeValuesSchema.optional(),
    locale: LocaleSchema.optional(),
    contact: CitizenContactSchema.nullable().optional(),
  })
  .strict();
export type DeadLetterCorrection = z.infer<typeof DeadLetterCorrectionSchema>;

/** Staff list row: no personal data (the submission is only in the detail view). */
export const DeadLetterSummarySchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  localReference: z.string(),
  serviceCode: z.string(),
  statusCode: z.number().int(),
  error: z.string(),
  state: z.enum(DEAD_LETTER_STATES),
  corrected: z.boolean(),
  reports: z.number().int(),
  reportedAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  resentAt: IsoDateTimeSchema.nullable(),
});
export type DeadLetterSummary = z.infer<typeof DeadLetterSummarySchema>;
export const DeadLetterListSchema = z.object({ items: z.array(DeadLetterSummarySchema) });

export const DeadLetterDetailSchema = DeadLetterSummarySchema.extend({
  submission: CaseSubmissionSchema,
  /** The submission with the staff correction applied; null until someone fixes it. */
  corrected: z.boolean(),
  correctedSubmission: CaseSubmissionSchema.nullable(),
});
export type DeadLetterDetail = z.infer<typeof DeadLetterDetailSchema>;
