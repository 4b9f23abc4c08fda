import { z } from 'zod';
import { LocaleSchema } from '../schemas/common.js';

/**
 * The receipt read aloud (accessibility, EN 301 549 5.1.3.16): the agent builds every receipt and
 * ticket, so it also gives its text, line by line as printed (before wrapping), for the renderer
 * to speak. Receipts carry no personal data, so neither do these lines.
 */

/** Lines of the receipt or ticket printed last in this session; null when none yet (forgotten at session end). */
export const SpokenReceiptSchema = z.object({ lines: z.array(z.string()).nullable() });
export type SpokenReceipt = z.infer<typeof SpokenReceiptSchema>;

/**
 * What a receipt will say before it exists: the request's receipt (on check-your-answers) or the
 * appointment's ticket (on its confirm screen). Lines that depend on what only the filing or the
 * booking gives (reference, time of issue, serial) are left out.
 */
export const ReceiptPreviewParamsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request'), locale: LocaleSchema }).strict(),
  z
    .object({
      kind: z.literal('appointment'),
      locale: LocaleSchema,
      office: z.string().min(1).max(40),
      service: z.string().min(1).max(40),
      /** ISO 8601 with offset: the chosen slot's start. */
      start: z.string().min(1).max(40),
    })
    .strict(),
]);
export type ReceiptPreviewParams = z.infer<typeof ReceiptPreviewParamsSchema>;

export const ReceiptPreviewSchema = z.object({ lines: z.array(z.string()) });

export const receiptKioskMethods = {
  'receipt.text': { params: z.object({}).strict(), result: SpokenReceiptSchema },
  'receipt.preview': { params: ReceiptPreviewParamsSchema, result: ReceiptPreviewSchema },
} as const;
