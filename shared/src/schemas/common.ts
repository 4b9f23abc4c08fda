import { z } from 'zod';
import { KIOSK_LOCALES } from '../domain/locales.js';
import { parseReference } from '../domain/reference.js';

export const LocaleSchema = z.enum(KIOSK_LOCALES);

/** ISO 8601 with an explicit offset (`Z` or `+01:00`), as Open311 requires. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** A reference code in any accepted spelling; the parsed value is the canonical display form. */
export const ReferenceSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const result = parseReference(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: `invalid reference (${result.problem})` });
      return z.NEVER;
    }
    return result.reference.display;
  });

/** Error body of every non-Open311 API (Open311 has its own array-of-errors shape). */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
