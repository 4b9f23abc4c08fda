import type { z } from 'zod';
import { ApiErrorSchema, type FieldProblem } from '@kiosk/shared';

/**
 * The console's only way to the hub: its HTTP API. Every change carries the CSRF header the hub
 * requires (x-requested-with); every answer is parsed with the shared schema, so a hub that
 * drifts from the contract fails loudly here instead of rendering half a page.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The hub's error code (e.g. 'role', 'not-found', 'conflict'), or 'network'. */
    readonly code: string,
    message: string,
    /** Request validation only: each broken rule, to be said in the staff member's language. */
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CHANGE_HEADERS = { 'content-type': 'application/json', 'x-requested-with': 'console' };

async function failureOf(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = ApiErrorSchema.safeParse(body);
  if (parsed.success) return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.problems ?? []);
  return new ApiError(response.status, `http-${response.status}`, response.statusText);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { credentials: 'same-origin', ...init });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
}

/** GET a JSON resource and parse it with `schema`. */
export async function apiGet<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  const response = await send(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw await failureOf(response);
  return schema.parse(await response.json());
}

/** POST/PUT/PATCH/DELETE with a JSON body; parses the answer with `schema` when one is given. */
export async function apiSend<S extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  schema?: S,
  headers: Record<string, string> = {},
): Promise<z.output<S>> {
  // No content-type without a body: the hub (Fastify) refuses an empty application/json body with 400.
  const { 'content-type': _json, ...bodyless } = CHANGE_HEADERS;
  const response = await send(path, {
    method,
    headers: { ...(body === undefined ? bodyless : CHANGE_HEADERS), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await failureOf(response);
  if (schema === undefined || response.status === 204) return undefined as z.output<S>;
  return schema.parse(await response.json());
}

/** GET a text resource (CSV exports, iCalendar). */
export async function apiGetText(path: string): Promise<string> {
  const response = await send(path, {});
  if (!response.ok) throw await failureOf(response);
  return response.text();
}
