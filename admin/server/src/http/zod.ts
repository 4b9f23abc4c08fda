import type { FastifySchemaCompiler, FastifySerializerCompiler, FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';
import { ValidationRuleSchema, type ValidationRule } from '@kiosk/shared';

/**
 * Route schemas are the shared zod schemas themselves (no JSON-Schema copies to drift apart).
 * The validator turns a failed parse into RequestValidationError, which the error handlers
 * render in each API's own error shape; the serializer checks every JSON answer against its
 * response schema, so a route cannot leak a field the contract does not list.
 */

export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

export interface ValidationProblem {
  /** Dotted path of the offending field, e.g. `body.description`. */
  readonly field: string;
  readonly message: string;
  /** The rule broken, for clients to say in their own language (the message is English). */
  readonly rule: ValidationRule;
  /** The schema's own bound for length and size rules (never a value from the request). */
  readonly limit?: number;
}

export class RequestValidationError extends Error {
  override name = 'RequestValidationError';
  readonly statusCode = 400;
  constructor(readonly problems: readonly ValidationProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/** The value at `path` in the request part, to tell a missing field from a wrong one. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const SIZE_RULES = {
  string: ['too-short', 'too-long'],
  number: ['too-small', 'too-large'],
  int: ['too-small', 'too-large'],
  bigint: ['too-small', 'too-large'],
  array: ['too-few', 'too-many'],
  set: ['too-few', 'too-many'],
} as const satisfies Record<string, readonly [ValidationRule, ValidationRule]>;

function sizeRule(origin: string, index: 0 | 1): ValidationRule {
  return origin in SIZE_RULES ? SIZE_RULES[origin as keyof typeof SIZE_RULES][index] : 'invalid';
}

/** Zod's issue as one of the shared rules; bounds only when they are plain numbers. */
export function ruleOf(issue: z.core.$ZodIssue, data: unknown): { rule: ValidationRule; limit?: number } {
  const bound = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? { limit: value } : {});
  switch (issue.code) {
    case 'invalid_type':
      return { rule: valueAt(data, issue.path) === undefined ? 'required' : 'type' };
    case 'too_small':
      return { rule: sizeRule(issue.origin, 0), ...bound(issue.minimum) };
    case 'too_big':
      return { rule: sizeRule(issue.origin, 1), ...bound(issue.maximum) };
    case 'invalid_format':
      return { rule: 'format' };
    case 'invalid_value':
      return { rule: 'not-allowed' };
    case 'unrecognized_keys':
      return { rule: 'unknown-field' };
    case 'custom': {
      // A refinement names its rule with brokenRule() (@kiosk/shared); others stay 'invalid'.
      const named = ValidationRuleSchema.safeParse((issue.params as { rule?: unknown } | undefined)?.rule);
      return { rule: named.success ? named.data : 'invalid' };
    }
    default:
      return { rule: 'invalid' };
  }
}

/** Issue messages name the rule broken, never the value that broke it (no personal data). */
export function problemsFrom(error: z.ZodError, prefix: string, data?: unknown): ValidationProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    message: issue.message,
    ...ruleOf(issue, data),
  }));
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(problemsFrom(result.error, httpPart ?? '', data)) };
  };
};

export const zodSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  return (data: unknown) => JSON.stringify(schema.parse(data));
};
