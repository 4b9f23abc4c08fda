import { z } from 'zod';
import { CatalogSchema } from '../schemas/service.js';
import { RequestDraftSchema } from '../schemas/case-submission.js';
import { DevicesHealthSchema } from '../schemas/device-health.js';
import { LocaleSchema } from '../schemas/common.js';
import { AppliedKioskConfigSchema } from './device-config.js';
import { PROTOCOL_VERSION } from './version.js';
import { KioskEnrolmentStateSchema } from './enrolment.js';
import { AnalyticsEventSchema } from './analytics.js';
import { FAQ_MAX_QUERY_LENGTH, FaqEntrySchema, FaqSearchResultSchema, FaqTopicsSchema } from './faq.js';
import { FollowUpLookupSchema } from './follow-up.js';
import { appointmentKioskMethods } from './kiosk-appointments.js';
import { figuresKioskMethods } from './kiosk-figures.js';
import { receiptKioskMethods } from './kiosk-receipt.js';

export * from './kiosk-appointments.js';
export * from './kiosk-figures.js';
export * from './kiosk-receipt.js';

/**
 * The KioskClient contract: everything the renderer may ask of the agent. One map of methods,
 * each with its params and result schema; the client's `call<M>()` and the agent's handler table
 * are both typed from it, so neither side has hand-written types (STYLE.md, Actual Budget).
 * Both transports (loopback WebSocket, Electron IPC) carry exactly these messages.
 */

export const KioskInfoSchema = z.object({
  kioskId: z.string(),
  /** The kiosk's reference issuer code (first 4 characters of every reference it mints). */
  issuer: z.string(),
  protocolVersion: z.number().int(),
  /** The display languages this kiosk offers: its applied configuration's, in order. */
  locales: z.array(LocaleSchema),
  /** Whether the agent reached the hub recently. The kiosk still works when false. */
  online: z.boolean(),
  /**
   * The kiosk configuration the agent applied (idle timeout, languages, services, maintenance,
   * opening hours, printer profile). Optional so older agents still answer validly.
   */
  config: AppliedKioskConfigSchema.optional(),
  /** Present while the kiosk has no credential and enrols itself: the renderer shows the code and QR. */
  enrolment: KioskEnrolmentStateSchema.optional(),
  /** `revoked`: the hub refused this kiosk's credential (401); it stopped sending, its outbox is kept. */
  credential: z.enum(['ok', 'revoked']).optional(),
  /** A remote job put the kiosk in maintenance mode (configuration has its own `config.maintenance`). */
  maintenance: z.boolean().optional(),
});
export type KioskInfo = z.infer<typeof KioskInfoSchema>;

export const ReceiptOutcomeSchema = z.object({
  /** `printed` only after the printer acknowledged the job (GS ( H), never on hope. */
  state: z.enum(['printed', 'failed', 'unknown', 'skipped']),
  /** Why it failed or is unknown, e.g. `paper-end`, `unreachable`, `no-ack`. */
  reason: z.string().nullable(),
  /** A problem that did not stop this receipt, e.g. `paper-near-end`: the kiosk tells staff. */
  warning: z.string().nullable().default(null),
});
export type ReceiptOutcome = z.infer<typeof ReceiptOutcomeSchema>;

export const FilingResultSchema = z.object({
  /** Display form of the kiosk-minted reference, valid even before the hub has the case. */
  reference: z.string(),
  /** URL the receipt's QR code opens: the public status page. ASCII only. */
  statusUrl: z.string(),
  /** `sent`: the hub acknowledged the case; `queued`: stored here, sent when the hub is reachable. */
  sync: z.enum(['sent', 'queued']),
  receipt: ReceiptOutcomeSchema,
});
export type FilingResult = z.infer<typeof FilingResultSchema>;

const NoParams = z.object({}).strict();

/** The agent's speech port as the renderer sees it (kiosk/src/agent/speech). Never any spoken text. */
export const SpeechStatusSchema = z.object({
  /** `espeak-ng`, `recording` (tests) or `off` (KIOSK_SPEECH_ENGINE=off: nothing is spoken). */
  engine: z.string(),
  volumeStep: z.number().int(),
  volumeSteps: z.number().int(),
  defaultVolumeStep: z.number().int(),
  rate: z.number(),
  headsetConnected: z.boolean(),
  /** The citizen agreed to hear personal data through the loudspeaker (speech.consent; cleared at session end). */
  privateConsent: z.boolean(),
  /**
   * The display languages this kiosk has a voice for (its configuration; espeak-ng: es ca en fr ar).
   * Speech for any other display language goes out in a voiced language the citizen chose.
   */
  voicedLanguages: z.array(LocaleSchema),
});
export type SpeechStatus = z.infer<typeof SpeechStatusSchema>;
/** `speaking`: started (speech runs on; a new `speech.say` interrupts it). `refused`: e.g. personal text without a headset. */
export const SpeechOutcomeSchema = z.object({ state: z.enum(['speaking', 'refused', 'failed', 'off']), reason: z.string().nullable() });
export type SpeechOutcome = z.infer<typeof SpeechOutcomeSchema>;
/** The longest text one `speech.say` carries (a procedure sheet read aloud fits). */
export const SPEECH_MAX_TEXT = 8000;

export const kioskMethods = {
  'kiosk.describe': { params: NoParams, result: KioskInfoSchema },
  'catalog.list': {
    params: z.object({ locale: LocaleSchema }).strict(),
    result: CatalogSchema.extend({ stale: z.boolean() }),
  },
  'request.file': { params: RequestDraftSchema, result: FilingResultSchema },
  'devices.health': { params: NoParams, result: DevicesHealthSchema },
  /**
   * A citizen session began or ended. The agent reports only this boolean in heartbeats (never
   * what is on screen), holds disruptive remote jobs while it is true, and drops anything personal
   * it still holds for the session (e.g. a queued reprint) when it turns false.
   */
  'session.changed': { params: z.object({ active: z.boolean() }).strict(), result: z.object({ active: z.boolean() }) },
  /** One usage event (never personal data; see protocol/analytics.ts). Fire and forget. */
  'analytics.record': { params: z.object({ event: AnalyticsEventSchema }).strict(), result: z.object({ recorded: z.boolean() }) },
  /** FAQ and procedures, from the cached content bundle (offline): topics with their entries, search, one entry. */
  'faq.topics': { params: z.object({ locale: LocaleSchema }).strict(), result: FaqTopicsSchema },
  'faq.search': { params: z.object({ locale: LocaleSchema, query: z.string().max(FAQ_MAX_QUERY_LENGTH) }).strict(), result: FaqSearchResultSchema },
  'faq.entry': { params: z.object({ locale: LocaleSchema, id: z.string().min(1).max(200) }).strict(), result: FaqEntrySchema },
  /** Status of a request from any channel, by kiosk reference or hub request id (see protocol/follow-up.ts). */
  'followUp.lookup': { params: z.object({ locale: LocaleSchema, query: z.string().min(1).max(64) }).strict(), result: FollowUpLookupSchema },
  /** Appointments and turns (protocol/kiosk-appointments.ts). */
  ...appointmentKioskMethods,
  /** Transparency figures for the attract screen (protocol/kiosk-figures.ts); works offline from the store. */
  ...figuresKioskMethods,
  /** The receipt's lines for speech, after printing and as a preview (protocol/kiosk-receipt.ts). */
  ...receiptKioskMethods,
  /**
   * The citizen pressed "Call staff". `screen` names where they are (never what they typed); the
   * agent raises a kiosk alert on the hub. `notified: false`: the hub could not be told (offline),
   * so the screen sends the citizen to the desk instead of promising someone is coming.
   */
  /**
   * Speech (accessibility): say interrupts what is being said; `private` text (personal data) is
   * only spoken into a headset. Volume in the port's fixed steps; rate relative to normal.
   */
  'speech.say': {
    params: z.object({ text: z.string().max(SPEECH_MAX_TEXT), language: LocaleSchema, private: z.boolean().default(false) }).strict(),
    result: SpeechOutcomeSchema,
  },
  'speech.stop': { params: NoParams, result: z.object({ stopped: z.boolean() }) },
  'speech.repeat': { params: NoParams, result: SpeechOutcomeSchema },
  'speech.volume': { params: z.object({ change: z.enum(['down', 'up', 'default']) }).strict(), result: SpeechStatusSchema },
  'speech.rate': { params: z.object({ rate: z.number().min(0.5).max(2) }).strict(), result: SpeechStatusSchema },
  'speech.state': { params: NoParams, result: SpeechStatusSchema },
  /**
   * The citizen confirmed (true) or withdrew (false) their agreement to hear personal data through
   * the loudspeaker without headphones (EN 301 549 5.1.3.8-9). The agent forgets it at session end.
   */
  'speech.consent': { params: z.object({ consent: z.boolean() }).strict(), result: SpeechStatusSchema },
  'staff.call': {
    params: z.object({ screen: z.string().regex(/^[a-zA-Z0-9._-]{1,40}$/) }).strict(),
    result: z.object({ notified: z.boolean() }),
  },
} as const;

export type KioskMethods = typeof kioskMethods;
export type KioskMethodName = keyof KioskMethods;
export type KioskParams<M extends KioskMethodName> = z.input<KioskMethods[M]['params']>;
export type KioskResult<M extends KioskMethodName> = z.output<KioskMethods[M]['result']>;

/** Events the agent pushes without being asked. */
export const kioskEvents = {
  'devices.changed': DevicesHealthSchema,
  'connectivity.changed': z.object({ online: z.boolean() }),
  /** The agent applied a new kiosk configuration: the renderer re-reads timers, languages, services... */
  'config.changed': AppliedKioskConfigSchema,
  /** A remote job asked for a fresh renderer: reload the page (the agent holds it until no session is active). */
  'renderer.reload': z.object({}),
  /** A remote job turned maintenance mode on or off: show the out-of-service screen while on. */
  'maintenance.changed': z.object({ on: z.boolean() }),
  /**
   * A scanner read a code, classified by the agent (hardware/src/scanner/payload.ts): `value` is the
   * reference in display form for our kinds, the cleaned text for `unknown`. Rejected reads are not sent.
   */
  /** Headphones plugged in or out (audio mode starts on plugging in; personal text may then be spoken). */
  'headset.changed': z.object({ connected: z.boolean() }),
  'scanner.scanned': z.object({ kind: z.enum(['receipt-reference', 'status-url', 'appointment-code', 'unknown']), value: z.string().max(512) }),
} as const;
export type KioskEventName = keyof typeof kioskEvents;
export type KioskEventData<E extends KioskEventName> = z.output<(typeof kioskEvents)[E]>;

/** Error codes an agent answers with; the renderer maps each to a calm, translated message. */
export const KioskErrorCodeSchema = z.enum([
  'bad-request',
  'unknown-method',
  'version-mismatch',
  'not-found',
  'store-failed',
  'internal',
]);
export type KioskErrorCode = z.infer<typeof KioskErrorCodeSchema>;

export const KioskErrorSchema = z.object({ code: KioskErrorCodeSchema, message: z.string() });
export type KioskError = z.infer<typeof KioskErrorSchema>;

/** Envelopes on the wire. `v` is PROTOCOL_VERSION; `id` pairs a reply with its call. */
export const KioskCallSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  id: z.string().min(1).max(64),
  method: z.string(),
  params: z.unknown(),
});
export type KioskCall = z.infer<typeof KioskCallSchema>;

export const KioskReplySchema = z.union([
  z.object({ v: z.number(), id: z.string(), ok: z.literal(true), value: z.unknown() }),
  z.object({ v: z.number(), id: z.string(), ok: z.literal(false), error: KioskErrorSchema }),
]);
export type KioskReply = z.infer<typeof KioskReplySchema>;

export const KioskEventEnvelopeSchema = z.object({
  v: z.number(),
  event: z.string(),
  data: z.unknown(),
});

export function isKioskMethod(name: string): name is KioskMethodName {
  return Object.hasOwn(kioskMethods, name);
}

/** The typed client the renderer uses; each transport implements it. */
export interface KioskClient {
  call<M extends KioskMethodName>(method: M, params: KioskParams<M>): Promise<KioskResult<M>>;
  on<E extends KioskEventName>(event: E, listener: (data: KioskEventData<E>) => void): () => void;
  close(): void;
}

/** Thrown by a client when the agent answered `ok: false` (or the transport failed). */
export class KioskCallError extends Error {
  constructor(
    readonly code: KioskErrorCode | 'transport',
    message: string,
  ) {
    super(message);
    this.name = 'KioskCallError';
  }
}
