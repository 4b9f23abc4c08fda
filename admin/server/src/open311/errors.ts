import { DEFAULT_LOCALE } from '@kiosk/shared';
import type { FastifyRequest } from 'fastify';
import type { ErrorRenderer } from '../http/error-handler.js';
import { HubProblem } from '../http/problems.js';
import { RequestValidationError } from '../http/zod.js';
import { negotiateLocale } from '../http/locale.js';
import { isOpen311MessageKey, open311Message } from './messages.js';
import type { Open311MessageKey } from './messages.js';
import { formatOfUrl, sendList } from './render.js';

export interface Open311Issue {
  readonly key: Open311MessageKey;
  readonly details?: Readonly<Record<string, string>>;
}

/** Several problems at once (the spec allows it), all with one HTTP status. */
export class Open311Errors extends HubProblem {
  override name = 'Open311Errors';
  constructor(
    statusCode: number,
    readonly issues: readonly Open311Issue[],
  ) {
    super(statusCode, issues[0]?.key ?? 'invalid', issues.map((i) => i.key).join(', '));
  }
}

function issuesOf(original: unknown, statusCode: number, code: string, details: Readonly<Record<string, string>>): Open311Issue[] {
  if (original instanceof Open311Errors) return [...original.issues];
  if (original instanceof RequestValidationError) {
    return original.problems.map((p) => ({ key: 'field-invalid', details: { name: p.field.replace(/^(body|querystring|params)\./, '') } }));
  }
  if (statusCode >= 500) return [{ key: 'internal' }];
  if (original instanceof HubProblem && isOpen311MessageKey(code)) return [{ key: code, details }];
  return [{ key: 'field-invalid', details: { name: code } }];
}

function localeOf(request: FastifyRequest) {
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const explicit = [query?.['locale'], body?.['locale']].find((v): v is string => typeof v === 'string');
  return negotiateLocale(explicit, request.headers['accept-language'], DEFAULT_LOCALE);
}

/** Open311 errors: `[{ code, description }]` / `<errors><error>`; code is the HTTP status, as real servers send. */
export const renderOpen311Error: ErrorRenderer = (error, request, reply, original) => {
  const statusCode = error.statusCode;
  const locale = localeOf(request);
  const items = issuesOf(original, statusCode, error.code, error.details).map((issue) => ({
    code: String(statusCode),
    description: open311Message(locale, issue.key, issue.details),
  }));
  return sendList(reply.code(statusCode), formatOfUrl(request), 'errors', 'error', items);
};
