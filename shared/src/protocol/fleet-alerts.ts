import { z } from 'zod';
import { IsoDateTimeSchema } from '../schemas/common.js';

/**
 * Alert rules on kiosk status, the alert inbox and the per-municipality webhook (issue 7, fleet).
 * A rule fires when a kiosk's condition has lasted `minutes`; the alert opens once, is
 * acknowledged by staff and resolves by itself when the condition clears.
 */

/** What a rule watches; each maps onto the fleet's own status reasons (hub: fleet/kiosk-status.ts). */
export const ALERT_CONDITIONS = [
  'paper-low',
  'printer-offline',
  'scanner-missing',
  'outbox-backlog',
  'clock-skew',
  'offline',
  'content-expired',
  'staff-call',
] as const;
export const AlertConditionSchema = z.enum(ALERT_CONDITIONS);
export type AlertCondition = z.infer<typeof AlertConditionSchema>;

/** A week: longer than that is not an alert any more, it is a forgotten kiosk. */
export const MAX_ALERT_MINUTES = 7 * 24 * 60;

export const AlertRuleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    condition: AlertConditionSchema,
    /** The condition must hold at least this long; 0 fires at the first observation. */
    minutes: z.number().int().min(0).max(MAX_ALERT_MINUTES),
    /** Only for 'outbox-backlog': fire when this many submissions wait (default: the fleet's backlog policy). */
    threshold: z.number().int().min(1).max(100_000).nullable().default(null),
    /** Only kiosks of this site; null = every site. */
    site: z.string().trim().min(1).max(120).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((rule) => rule.threshold === null || rule.condition === 'outbox-backlog', {
    path: ['threshold'],
    message: 'a threshold applies only to the outbox-backlog condition',
  });
export type AlertRuleInput = z.input<typeof AlertRuleInputSchema>;

export const AlertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  condition: AlertConditionSchema,
  minutes: z.number().int(),
  threshold: z.number().int().nullable(),
  site: z.string().nullable(),
  enabled: z.boolean(),
  updatedAt: IsoDateTimeSchema,
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;
export const AlertRuleListSchema = z.object({ rules: z.array(AlertRuleSchema) });

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export const AlertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof AlertStateSchema>;

/** One inbox line: an alert of a rule, or a citizen's call for staff from a kiosk (source 'staff-call'). */
export const AlertSchema = z.object({
  id: z.string(),
  source: z.enum(['rule', 'staff-call']),
  /** The rule's id and name as they were when the alert opened (null for staff calls). */
  ruleId: z.string().nullable(),
  ruleName: z.string().nullable(),
  condition: AlertConditionSchema,
  deviceId: z.string(),
  deviceLabel: z.string().nullable(),
  site: z.string().nullable(),
  state: AlertStateSchema,
  openedAt: IsoDateTimeSchema,
  acknowledgedAt: IsoDateTimeSchema.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: IsoDateTimeSchema.nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertInboxSchema = z.object({ alerts: z.array(AlertSchema) });
export type AlertInbox = z.infer<typeof AlertInboxSchema>;

/** Only http(s): a webhook is a POST to a web server, nothing else. */
export const WebhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, message: 'the webhook address must be an http:// or https:// URL' }))
  .refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), { message: 'the webhook address must not carry credentials: use the secret' });

/** A new secret, or null to keep the current one (the hub never shows it back). */
export const WebhookInputSchema = z
  .object({
    url: WebhookUrlSchema,
    secret: z.string().min(16).max(200).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .strict();
export type WebhookInput = z.input<typeof WebhookInputSchema>;

export const WebhookViewSchema = z.object({
  /** Null: no webhook set. */
  url: z.string().nullable(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  updatedAt: IsoDateTimeSchema.nullable(),
});
export type WebhookView = z.infer<typeof WebhookViewSchema>;

export const WebhookDeliverySchema = z.object({
  id: z.string(),
  event: z.enum(['alert.opened', 'alert.resolved']),
  alertId: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  nextAttemptAt: IsoDateTimeSchema.nullable(),
  deliveredAt: IsoDateTimeSchema.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
export const WebhookDeliveryListSchema = z.object({ deliveries: z.array(WebhookDeliverySchema) });

/** What the webhook receives (POST, JSON). No citizen data: kiosk, rule and times only. */
export const WebhookPayloadSchema = z.object({
  event: z.enum(['alert.opened', 'alert.resolved']),
  deliveryId: z.string(),
  tenant: z.string(),
  alert: AlertSchema.omit({ acknowledgedBy: true }),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>`; the timestamp header lets
 * the receiver refuse replays.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-kiosk-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-kiosk-timestamp';
export const WEBHOOK_EVENT_HEADER = 'x-kiosk-event';

export const fleetAlertsApi = {
  inbox: '/api/fleet/alerts',
  acknowledge: '/api/fleet/alerts/:id/acknowledge',
  rules: '/api/fleet/alert-rules',
  rule: '/api/fleet/alert-rules/:id',
  webhook: '/api/fleet/alert-webhook',
  deliveries: '/api/fleet/alert-webhook/deliveries',
} as const;
