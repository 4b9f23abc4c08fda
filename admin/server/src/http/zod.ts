import type { FastifySchemaCompiler, FastifySerializerCompiler, FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';

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
}

export class RequestValidationError extends Error {
  override name = 'RequestValidationError';
  readonly statusCode = 400;
  constructor(readonly problems: readonly ValidationProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/** Issue messages name the rule broken, never the value that broke it (no personal data). */
export function problemsFrom(error: z.ZodError, prefix: string): ValidationProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    message: issue.message,
  }));
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(problemsFrom(result.error, httpPart ?? '')) };
  };
};

export const zodSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  return (data: unknown) => JSON.stringify(schema.parse(data));
};
