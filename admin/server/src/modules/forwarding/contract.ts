import { z } from 'zod';

/** /api/forwarding: what the console reads and sends. */

export const ForwardingSettingsInputSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).max(500),
  jurisdictionId: z.string().trim().min(1).max(100).nullable(),
  /** Omit to keep the stored key (the console never has it back in full). */
  apiKey: z.string().min(1).max(500).optional(),
  format: z.enum(['json', 'xml']),
  enabled: z.boolean(),
});
export type ForwardingSettingsInput = z.output<typeof ForwardingSettingsInputSchema>;

export const ForwardingSettingsViewSchema = z.object({
  configured: z.boolean(),
  baseUrl: z.string().nullable(),
  jurisdictionId: z.string().nullable(),
  /** Only the last characters, e.g. `…a1b2`. */
  apiKeyHint: z.string().nullable(),
  format: z.enum(['json', 'xml']),
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
});
export type ForwardingSettingsView = z.output<typeof ForwardingSettingsViewSchema>;

export const ForwardingOutboxViewSchema = z.object({
  items: z.array(
    z.object({
      requestId: z.string(),
      state: z.enum(['pending', 'inflight', 'done', 'dead']),
      attempts: z.number().int(),
      nextAttemptAt: z.string(),
      lastErrorCode: z.string().nullable(),
      lastErrorDetail: z.string().nullable(),
      externalId: z.string().nullable(),
    }),
  ),
});
export type ForwardingOutboxView = z.output<typeof ForwardingOutboxViewSchema>;
