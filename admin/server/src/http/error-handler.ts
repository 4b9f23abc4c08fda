import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HubProblem } from './problems.js';
import { RequestValidationError } from './zod.js';
import type { ValidationProblem } from './zod.js';

/**
 * The one error policy of the hub: 4xx answers say what was wrong; 5xx answers say only that it
 * failed (details go to the log, never to the client); nothing logs a request body or a value.
 * Each API family passes its own renderer for the body shape.
 */

export interface ClassifiedError {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly problems: readonly ValidationProblem[];
  readonly details: Readonly<Record<string, string>>;
}

export type ErrorRenderer = (
  error: ClassifiedError,
  request: FastifyRequest,
  reply: FastifyReply,
  original: unknown,
) => unknown;

const INTERNAL_MESSAGE = 'The hub could not complete this request. It has been logged; try again later.';

export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof HubProblem) {
    return { statusCode: error.statusCode, code: error.code, message: error.message, problems: [], details: error.details };
  }
  if (error instanceof RequestValidationError) {
    return { statusCode: 400, code: 'invalid', message: error.message, problems: error.problems, details: {} };
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, too large, wrong content type) carry safe messages.
    return { statusCode: status, code: fastifyError.code ?? 'invalid', message: fastifyError.message ?? 'bad request', problems: [], details: {} };
  }
  return { statusCode: 500, code: 'internal', message: INTERNAL_MESSAGE, problems: [], details: {} };
}

/** Logs only what identifies the fault: driver errors' `detail` can quote row values, so it stays out. */
function logServerError(request: FastifyRequest, error: unknown): void {
  const e = error as { name?: string; code?: string; message?: string; stack?: string };
  request.log.error({ err: { type: e.name, code: e.code, message: e.message, stack: e.stack } }, 'request failed');
}

export function makeErrorHandler(render: ErrorRenderer) {
  return function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
    const classified = classifyError(error);
    if (classified.statusCode >= 500) logServerError(request, error);
    return render(classified, request, reply, error);
  };
}

/**
 * `{ error: { code, message, problems? } }` (ApiErrorSchema), for the fleet, console and health APIs;
 * `problems` (field, rule, limit) only for request validation, so clients can name each fault.
 */
export const renderApiError: ErrorRenderer = (error, _request, reply) => {
  const problems = error.problems.map(({ field, rule, limit }) => (limit === undefined ? { field, rule } : { field, rule, limit }));
  return reply
    .code(error.statusCode)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ error: { code: error.code, message: error.message, ...(problems.length > 0 ? { problems } : {}) } }));
};
