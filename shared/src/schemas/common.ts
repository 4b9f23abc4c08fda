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

/**
 * The rule a request field broke, so a client can say it in its own language: `required` (missing),
 * `type` (wrong kind of value), `too-short`/`too-long` (text, `limit` characters), `too-small`/
 * `too-large` (number, `limit`), `too-few`/`too-many` (list, `limit` items), `format` (e-mail, date,
 * pattern...), `not-allowed` (not one of the accepted values), `unknown-field`, `order` (ends before
 * it starts), `overlap` (overlaps another entry), `duplicate` (an entry twice), `characters` (control
 * characters or markup), `invalid` (any other).
 */
export const ValidationRuleSchema = z.enum(['required', 'type', 'too-short', 'too-long', 'too-small', 'too-large', 'too-few', 'too-many', 'format', 'not-allowed', 'unknown-field', 'order', 'overlap', 'duplicate', 'characters', 'invalid']);
export type ValidationRule = z.infer<typeof ValidationRuleSchema>;

/**
 * A refinement's own rule, for clients: `.refine(check, { message, ...brokenRule('overlap') })`.
 * Without it a refinement is reported as `invalid`.
 */
export const brokenRule = (rule: Extract<ValidationRule, 'order' | 'overlap' | 'duplicate' | 'characters'>) => ({ params: { rule } });

/** One broken rule of a request: the field's dotted path (`body.email`), never its value. */
export const FieldProblemSchema = z.object({
  field: z.string(),
  rule: ValidationRuleSchema,
  limit: z.number().optional(),
});
export type FieldProblem = z.infer<typeof FieldProblemSchema>;

/** Error body of every non-Open311 API (Open311 has its own array-of-errors shape). */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Request validation (code `invalid`) only: each broken rule. Older hubs omit it. */
    problems: z.array(FieldProblemSchema).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
