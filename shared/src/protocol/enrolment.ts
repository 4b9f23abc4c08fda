import { z } from 'zod';
import { IsoDateTimeSchema } from '../schemas/common.js';
import { FLEET_BASE_PATH } from './fleet.js';

/**
 * Kiosk enrolment, device-flow style (RFC 8628): a new kiosk makes its own secret, sends only its
 * SHA-256 to the hub and shows a short user code; an admin who stands at the kiosk types that code
 * in the console and assigns tenant, site and group; the kiosk polls until it learns its device id.
 * The secret itself never leaves the kiosk except as its bearer credential.
 */

/** Crockford base 32: no I, L, O or U, so a code read aloud or off a screen is not misread. */
export const ENROLMENT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ENROLMENT_CODE_LENGTH = 8;
/** 32^8 = 2^40 codes; they live 10 minutes, are single use and wrong guesses are rate-limited. */
export const ENROLMENT_TTL_SECONDS = 600;

/**
 * Reads a code as a person typed it (any case, with or without the dash or spaces; Crockford's
 * O->0 and I/L->1), or null when it cannot be one.
 */
export function normaliseEnrolmentCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== ENROLMENT_CODE_LENGTH) return null;
  for (const char of code) if (!ENROLMENT_CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** `ABCD2345` -> `ABCD-2345`: two groups are easier to read off a screen and type. */
export function formatEnrolmentCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const enrolmentPaths = {
  /** Unauthenticated, rate-limited per client address. */
  start: `${FLEET_BASE_PATH}/enrolments`,
  /** `Authorization: Bearer <pollToken>`; `:id` is the enrolment id. */
  poll: `${FLEET_BASE_PATH}/enrolments/:id`,
} as const;

export const EnrolmentRequestSchema = z
  .object({
    /** SHA-256 (lower-case hex) of the secret the kiosk generated; the hub stores only this. */
    secretHash: z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256'),
    agentVersion: z.string().min(1).max(40),
  })
  .strict();
export type EnrolmentRequest = z.infer<typeof EnrolmentRequestSchema>;

export const UserCodeSchema = z.string().length(ENROLMENT_CODE_LENGTH).regex(/^[0-9A-HJKMNP-TV-Z]+$/);

export const EnrolmentStartedSchema = z.object({
  enrolmentId: z.string(),
  /** Proves to the hub that a poll comes from the kiosk that started this enrolment. */
  pollToken: z.string(),
  /** Without the dash; shown as XXXX-XXXX. */
  userCode: UserCodeSchema,
  expiresAt: IsoDateTimeSchema,
  /** RFC 8628's expires_in: the kiosk counts from its own clock, so clock skew cannot shorten a code. */
  expiresInSeconds: z.number().int().positive(),
  intervalSeconds: z.number().int().positive(),
});
export type EnrolmentStarted = z.infer<typeof EnrolmentStartedSchema>;

export const EnrolmentPollAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  /** Polled faster than the interval: wait `intervalSeconds` (5 s more, RFC 8628) from now on. */
  z.object({ status: z.literal('slow_down'), intervalSeconds: z.number().int().positive() }),
  z.object({ status: z.literal('approved'), deviceId: z.string(), issuer: z.string().length(4) }),
  z.object({ status: z.literal('expired') }),
  z.object({ status: z.literal('rejected') }),
]);
export type EnrolmentPollAnswer = z.infer<typeof EnrolmentPollAnswerSchema>;

// ---- Console (staff) side ----

const OptionalName = z.string().trim().min(1).max(80).nullable().default(null);

export const ApproveEnrolmentSchema = z
  .object({
    code: z.string().min(1).max(20),
    label: z.string().trim().min(1).max(80),
    site: OptionalName,
    group: OptionalName,
  })
  .strict();
export type ApproveEnrolment = z.input<typeof ApproveEnrolmentSchema>;

export const RejectEnrolmentSchema = z.object({ code: z.string().min(1).max(20) }).strict();

/** A pending enrolment as the console lists it: never its code (only the person at the kiosk sees that). */
export const PendingEnrolmentSchema = z.object({
  id: z.string(),
  agentVersion: z.string(),
  createdAt: IsoDateTimeSchema,
  expiresAt: IsoDateTimeSchema,
});
export const PendingEnrolmentListSchema = z.object({ enrolments: z.array(PendingEnrolmentSchema) });

export const FleetDeviceSchema = z.object({
  id: z.string(),
  label: z.string(),
  issuer: z.string(),
  site: z.string().nullable(),
  group: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  revokedAt: IsoDateTimeSchema.nullable(),
});
export type FleetDevice = z.infer<typeof FleetDeviceSchema>;
export const FleetDeviceListSchema = z.object({ devices: z.array(FleetDeviceSchema) });

// ---- Kiosk agent -> renderer ----

/** What the enrolment screen shows; part of kiosk.describe's answer while the kiosk enrols. */
export const KioskEnrolmentStateSchema = z.object({
  /** `requesting`: asking the hub for a code; `waiting`: showing it; `unreachable`: hub not answering, retrying. */
  phase: z.enum(['requesting', 'waiting', 'unreachable', 'approved']),
  /** XXXX-XXXX, or null while there is none. */
  userCode: z.string().nullable(),
  expiresAt: IsoDateTimeSchema.nullable(),
  /** The console page an admin opens (QR) to approve this code. */
  approveUrl: z.string().nullable(),
});
export type KioskEnrolmentState = z.infer<typeof KioskEnrolmentStateSchema>;
