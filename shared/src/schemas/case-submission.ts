import { z } from 'zod';
import { IsoDateTimeSchema, LocaleSchema } from './common.js';

/** Open311 caps descriptions at 4000 characters. */
export const MAX_DESCRIPTION_LENGTH = 4000;

/** No markup in citizen text: it is shown in consoles, e-mails and other systems. */
const NoHtml = (value: string) => !/<\s*[a-z!/?]/i.test(value);

export const DescriptionSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_DESCRIPTION_LENGTH)
  .refine(NoHtml, { message: 'description must not contain HTML' });

export const AttributeValuesSchema = z.record(
  z.string().min(1).max(64),
  z.union([z.string().max(1000), z.array(z.string().max(1000)).max(50)]),
);

/** The citizen's answers, as the kiosk sends them to the hub. */
const RequestContentSchema = z.object({
  serviceCode: z.string().min(1).max(64),
  description: DescriptionSchema,
  attributes: AttributeValuesSchema.default({}),
  locale: LocaleSchema,
});

/**
 * What the citizen entered at the kiosk, as the renderer hands it to the agent. `draftId` is
 * minted once per draft by the renderer: if the answer to `request.file` is lost and the citizen
 * presses "try again", the agent recognises the draft and answers with the same filing instead
 * of filing (and printing) it twice.
 */
export const RequestDraftSchema = RequestContentSchema.extend({
  draftId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});
export type RequestDraft = z.infer<typeof RequestDraftSchema>;

/**
 * What the agent sends the hub for one filed request (fleet protocol, POST /fleet/v1/requests).
 * The kiosk minted `localReference` from its issuer code and `sequence`; the hub keeps both and
 * refuses a second case with either (platform.md, idempotency).
 */
export const CaseSubmissionSchema = RequestContentSchema.extend({
  localReference: z.string().min(1).max(20),
  sequence: z.number().int().positive(),
  /** The kiosk's clock: informational only, the hub stamps its own receive time. */
  submittedAt: IsoDateTimeSchema,
});
export type CaseSubmission = z.infer<typeof CaseSubmissionSchema>;

export const CaseAcceptedSchema = z.object({
  serviceRequestId: z.string(),
  localReference: z.string(),
  status: z.enum(['open', 'closed']),
  receivedAt: IsoDateTimeSchema,
});
export type CaseAccepted = z.infer<typeof CaseAcceptedSchema>;
