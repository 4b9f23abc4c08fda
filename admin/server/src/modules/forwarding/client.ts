import { z } from 'zod';
import { parseCreated, parseErrors, parseRequests, parseTokens } from '../../open311/client/parse.js';
import type { Created, ServiceRequest } from '../../open311/client/parse.js';
import { itemsOf, parseXmlRoot } from '../../open311/client/xml.js';
import { MAX_ERROR_DETAIL } from './settings.js';
import type { ForwardingFormat } from './tables.js';

/**
 * The hub as a GeoReport v2 client of a city's CRM. Every failure becomes a ForwardingError that
 * says whether retrying can help; messages name codes and HTTP statuses, never request contents.
 */

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface CrmTarget {
  readonly baseUrl: string;
  readonly jurisdictionId: string | null;
  readonly apiKey: string;
  readonly format: ForwardingFormat;
  readonly timeoutMs: number;
  readonly fetch: FetchLike;
}

export class ForwardingError extends Error {
  override name = 'ForwardingError';
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    /** The CRM's own error list, kept on a dead row for staff; never logged. */
    readonly detail: string | null = null,
    /** The CRM's Retry-After, when it sent one: the next attempt waits at least this long. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(code);
  }
}

/** A CRM request plus the extension fields our own hub (and others) add. */
export interface CrmRequest extends ServiceRequest {
  readonly detailedStatus: string | null;
  readonly referenceAttribute: string | null;
  /** Attribute answers the CRM publishes (`extensions=true`), code -> values. */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
}

function urlOf(target: CrmTarget, path: string, query: Record<string, string>): string {
  const url = new URL(`${target.baseUrl.replace(/\/+$/, '')}/${path}.${target.format}`);
  if (target.jurisdictionId !== null) url.searchParams.set('jurisdiction_id', target.jurisdictionId);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

async function call(target: CrmTarget, url: string, init: RequestInit = {}): Promise<string> {
  let response: Response;
  try {
    response = await target.fetch(url, { ...init, signal: AbortSignal.timeout(target.timeoutMs) });
  } catch (error) {
    const name = (error as { name?: string }).name;
    throw new ForwardingError(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network', true);
  }
  const body = await response.text().catch(() => '');
  if (response.ok) return body;
  // 408 and 429 are "not now"; every other 4xx is about this request and no retry will change it.
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new ForwardingError(`http-${response.status}`, retryable, retryable ? null : errorDetail(body, target.format), retryAfterMs(response.headers.get('retry-after')));
}

/** Retry-After as seconds or an HTTP date; anything else is ignored. */
function retryAfterMs(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function errorDetail(body: string, format: ForwardingFormat): string | null {
  try {
    const text = parseErrors(body, format).map((e) => `${e.code}: ${e.description}`).join('; ');
    return text.slice(0, MAX_ERROR_DETAIL);
  } catch {
    return null;
  }
}

function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch {
    // A 2xx we cannot read: the create may have happened, so retry (with a look-up first).
    throw new ForwardingError('bad-answer', true);
  }
}

const ExtensionSchema = z.object({
  service_request_id: z.union([z.string(), z.number()]).optional(),
  detailed_status: z.string().optional().nullable(),
  attributes: z.unknown().optional(),
});

function attributeAnswers(attributes: unknown, format: ForwardingFormat): Map<string, string[]> {
  const list = format === 'xml' ? itemsOf(attributes, 'attribute') : Array.isArray(attributes) ? attributes : [];
  const answers = new Map<string, string[]>();
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const attribute = item as { code?: unknown; values?: unknown };
    const values = format === 'xml' ? itemsOf(attribute.values, 'value') : Array.isArray(attribute.values) ? attribute.values : [];
    if (attribute.code !== undefined) answers.set(String(attribute.code), values.map((v) => String(v)));
  }
  return answers;
}

/**
 * The client parser drops extension fields; read the two we use beside it, by position.
 * (Proposed for open311/client: optional `detailed_status` and `attributes` on RequestSchema.)
 */
function withExtensions(body: string, format: ForwardingFormat, requests: ServiceRequest[], referenceAttribute: string): CrmRequest[] {
  let raw: unknown[] = [];
  try {
    raw = format === 'json' ? (JSON.parse(body) as unknown[]) : itemsOf(parseXmlRoot(body, 'service_requests'), 'request');
  } catch {
    raw = [];
  }
  return requests.map((request, index) => {
    const extension = ExtensionSchema.safeParse(raw[index]);
    const data = extension.success ? extension.data : undefined;
    const detailed = data?.detailed_status?.trim();
    const attributes = attributeAnswers(data?.attributes, format);
    return {
      ...request,
      detailedStatus: detailed === undefined || detailed === '' ? null : detailed,
      referenceAttribute: attributes.get(referenceAttribute)?.[0] ?? null,
      attributes,
    };
  });
}

export async function postRequest(target: CrmTarget, fields: URLSearchParams): Promise<Created> {
  const body = new URLSearchParams(fields);
  body.set('api_key', target.apiKey);
  if (target.jurisdictionId !== null) body.set('jurisdiction_id', target.jurisdictionId);
  const text = await call(target, urlOf(target, 'requests', {}), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: body.toString(),
  });
  return parsed(() => parseCreated(text, target.format));
}

export async function getToken(target: CrmTarget, token: string): Promise<string | null> {
  try {
    const text = await call(target, urlOf(target, `tokens/${encodeURIComponent(token)}`, {}));
    return parsed(() => parseTokens(text, target.format))[0]?.service_request_id ?? null;
  } catch (error) {
    // Some servers answer 404 until the batch job has made the request.
    if (error instanceof ForwardingError && error.code === 'http-404') return null;
    throw error;
  }
}

export async function getRequests(target: CrmTarget, query: Record<string, string>, referenceAttribute: string): Promise<CrmRequest[]> {
  const text = await call(target, urlOf(target, 'requests', query));
  const requests = parsed(() => parseRequests(text, target.format));
  return withExtensions(text, target.format, requests, referenceAttribute);
}
