import {
  CaseAcceptedSchema,
  DEAD_LETTERS_PATH,
  DEAD_LETTER_FIXES_PATH,
  DeadLetterFixListSchema,
  DeadLetterReportAnswerSchema,
  SUBMIT_BATCH_PATH,
  SubmitBatchAnswerSchema,
  deadLetterFixAppliedPath,
  type DeadLetterFix,
  type DeadLetterFixApplied,
  type DeadLetterReport,
} from '@kiosk/shared';
import { parseRetryAfter, type HubClientOptions, type SubmitOutcome } from '../sync/hub-client.js';
import type { OutboxItem } from '../store/requests-repository.js';

/** What one batch POST came to: an answer per item, or the whole call to be retried or not batched. */
export type BatchOutcome =
  | { readonly kind: 'answered'; readonly outcomes: ReadonlyMap<string, SubmitOutcome> }
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs: number | null }
  /** The hub has no batch route (older hub), or refused the batch as a whole: send one by one. */
  | { readonly kind: 'unsupported'; readonly status: number };

interface ErrorBody {
  readonly error?: { readonly code?: unknown; readonly message?: unknown };
}

/**
 * The single route's rules for one answer (hub-client.ts submitCase applies the same ones to a
 * whole response): 2xx acked, 409 in-flight later, 5xx/429/408 retry, any other 4xx refused.
 */
export function classifyAnswer(statusCode: number, body: unknown, retryAfterMs: number | null): SubmitOutcome {
  if (statusCode >= 200 && statusCode < 300) {
    const parsed = CaseAcceptedSchema.safeParse(body);
    if (parsed.success) return { kind: 'acked', serverId: parsed.data.serviceRequestId };
    return { kind: 'retry', error: `hub answered ${statusCode} with an unreadable body`, retryAfterMs: null };
  }
  const error = (body ?? {}) as ErrorBody;
  const reason = typeof error.error?.message === 'string' ? error.error.message : `status ${statusCode}`;
  if (statusCode === 409 && error.error?.code === 'in-flight') return { kind: 'in-flight' };
  if (statusCode >= 500 || statusCode === 429 || statusCode === 408) return { kind: 'retry', error: `hub answered ${statusCode}: ${reason}`, retryAfterMs };
  return { kind: 'refused', status: statusCode, error: `hub refused (${statusCode}): ${reason}` };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  return (error as Error & { cause?: { code?: string } }).cause?.code ?? error.name;
}

/**
 * The outbox's calls to the hub beyond the single submission: batches, dead-letter reports and
 * fixes. Built by HubClient.outboxCalls(), which lends its credential headers.
 */
export class OutboxHubCalls {
  constructor(
    private readonly options: HubClientOptions,
    private readonly headers: (extra?: Record<string, string>) => Record<string, string>,
  ) {}

  private async call(path: string, method: 'GET' | 'POST', body?: unknown): Promise<Response> {
    return fetch(`${this.options.baseUrl}${path}`, {
      method,
      headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
  }

  async submitBatch(items: readonly OutboxItem[]): Promise<BatchOutcome> {
    let response: Response;
    try {
      response = await this.call(SUBMIT_BATCH_PATH, 'POST', { items: items.map((i) => ({ idempotencyKey: i.idempotencyKey, submission: i.submission })) });
    } catch (error) {
      return { kind: 'retry', error: `hub unreachable: ${describeFetchError(error)}`, retryAfterMs: null };
    }
    const text = await response.text().catch(() => '');
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (response.ok) {
      const parsed = SubmitBatchAnswerSchema.safeParse(safeJson(text));
      if (!parsed.success) return { kind: 'retry', error: `hub answered the batch ${response.status} with an unreadable body`, retryAfterMs: null };
      const outcomes = new Map<string, SubmitOutcome>();
      for (const result of parsed.data.results) outcomes.set(result.idempotencyKey, classifyAnswer(result.statusCode, result.body, null));
      return { kind: 'answered', outcomes };
    }
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      return { kind: 'retry', error: `hub answered the batch ${response.status}`, retryAfterMs };
    }
    return { kind: 'unsupported', status: response.status };
  }

  /** Reports a dead letter; resolves with the hub's id for it, throws when the hub did not take it. */
  async reportDeadLetter(report: DeadLetterReport): Promise<string> {
    const response = await this.call(DEAD_LETTERS_PATH, 'POST', report);
    if (!response.ok) throw new Error(`dead-letter report: hub answered ${response.status}`);
    return DeadLetterReportAnswerSchema.parse(await response.json()).id;
  }

  async fetchFixes(): Promise<DeadLetterFix[]> {
    const response = await this.call(DEAD_LETTER_FIXES_PATH, 'GET');
    if (!response.ok) throw new Error(`dead-letter fixes: hub answered ${response.status}`);
    return DeadLetterFixListSchema.parse(await response.json()).fixes;
  }

  /** 'stale': the hub replaced or withdrew this fix meanwhile (the next poll brings the new one). */
  async confirmFix(id: string, applied: DeadLetterFixApplied): Promise<'confirmed' | 'stale'> {
    const response = await this.call(deadLetterFixAppliedPath(id), 'POST', applied);
    if (response.status === 409) return 'stale';
    if (!response.ok) throw new Error(`dead-letter fix confirmation: hub answered ${response.status}`);
    return 'confirmed';
  }
}
