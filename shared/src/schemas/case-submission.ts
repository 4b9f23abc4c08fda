import { z } from 'zod';
import { brokenRule, IsoDateTimeSchema, LocaleSchema } from './common.js';

/** Open311 caps descriptions at 4000 characters. */
export const MAX_DESCRIPTION_LENGTH = 4000;

/** No markup in citizen text: it is shown in consoles, e-mails and other systems. */
const NoHtml = (value: string) => !/<\s*[a-z!/?]/i.test(value);

export const DescriptionSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_DESCRIPTION_LENGTH)
  .refine(NoHtml, { message: 'description must not contain HTML', ...brokenRule('characters') });

export const AttributeValuesSchema = z.record(
  z.string().min(1).max(64),
  z.union([z.string().max(1000), z.array(z.string().max(1000)).max(50)]),
);

/** Longest address the citizen may type (Open311 address_string has no limit; kiosks need one). */
export const MAX_ADDRESS_LENGTH = 200;

/**
 * Where the problem is, when the service needs a place: an address the citizen typed, or a
 * landmark they picked (its address and coordinates). Absent: the hub uses the office, flagged.
 */
export const RequestLocationSchema = z.object({
  addressString: z
    .string()
    .trim()
    .min(3)
    .max(MAX_ADDRESS_LENGTH)
    .refine(NoHtml, { message: 'address must not contain HTML', ...brokenRule('characters') }),
  landmarkId: z.string().min(1).max(64).optional(),
  lat: z.number().min(-90).max(90).optional(),
  long: z.number().min(-180).max(180).optional(),
});
export type RequestLocation = z.infer<typeof RequestLocationSchema>;

/** The citizen's answers, as the kiosk sends them to the hub. */
const RequestContentSchema = z.object({
  serviceCode: z.string().min(1).max(64),
  description: DescriptionSchema,
  attributes: AttributeValuesSchema.default({}),
  locale: LocaleSchema,
  /** Optional, so payloads of older agents (and their fingerprints) stay valid. */
  location: RequestLocationSchema.optional(),
});

/** How the citizen wants to hear back about a request; 'none' = the printed receipt only. */
export const CONTACT_CHANNELS = ['email', 'sms', 'none'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Longest e-mail address (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;
/** A phone number once spaces, dots, dashes and brackets are gone: an optional + and 6-15 digits (E.164). */
export const PHONE_DIGITS_PATTERN = /^\+?[0-9]{6,15}$/;
const PHONE_SEPARATORS = /[\s().-]/g;

export const PhoneSchema = z
  .string()
  .trim()
  .max(40)
  .refine((value) => PHONE_DIGITS_PATTERN.test(value.replace(PHONE_SEPARATORS, '')), { message: 'phone must be 6-15 digits, optionally with a leading +' });

/**
 * Contact and consent given at intake. An e-mail or SMS channel needs its address and the
 * citizen's consent (GDPR: nothing is sent without it); the ID document is only kept hashed,
 * to find the citizen's cases for export and erasure.
 */
export const CitizenContactSchema = z
  .object({
    channel: z.enum(CONTACT_CHANNELS),
    email: z.email().max(MAX_EMAIL_LENGTH).optional(),
    phone: PhoneSchema.optional(),
    consent: z.boolean(),
    idDocument: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9 .-]+$/, 'an ID document is letters, digits, spaces, dots and dashes')
      .optional(),
  })
  .superRefine((contact, ctx) => {
    if (contact.channel === 'email' && contact.email === undefined) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'the e-mail channel needs an e-mail address' });
    }
    if (contact.channel === 'sms' && contact.phone === undefined) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'the SMS channel needs a phone number' });
    }
    if (contact.channel !== 'none' && !contact.consent) {
      ctx.addIssue({ code: 'custom', path: ['consent'], message: 'notifications by e-mail or SMS need the citizen\'s consent' });
    }
  });
export type CitizenContact = z.infer<typeof CitizenContactSchema>;

/**
 * What the citizen entered at the kiosk, as the renderer hands it to the agent. `draftId` is
 * minted once per draft by the renderer: if the answer to `request.file` is lost and the citizen
 * presses "try again", the agent recognises the draft and answers with the same filing instead
 * of filing (and printing) it twice.
 */
export const RequestDraftSchema = RequestContentSchema.extend({
  draftId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** How the citizen wants to hear back (with consent); absent = the printed receipt only. */
  contact: CitizenContactSchema.optional(),
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
  /**
   * Optional, so payloads of older agents (and their stored fingerprints) stay valid: an absent
   * field is left out of the canonical JSON both sides hash.
   */
  contact: CitizenContactSchema.optional(),
});
export type CaseSubmission = z.infer<typeof CaseSubmissionSchema>;

export const CaseAcceptedSchema = z.object({
  serviceRequestId: z.string(),
  localReference: z.string(),
  status: z.enum(['open', 'closed']),
  receivedAt: IsoDateTimeSchema,
});
export type CaseAccepted = z.infer<typeof CaseAcceptedSchema>;
