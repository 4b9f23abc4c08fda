import {
  CatalogSchema,
  FLEET_BASE_PATH,
  HeartbeatAnswerSchema,
  IDEMPOTENCY_KEY_HEADER,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  type Catalog,
  type CaseSubmission,
  type Heartbeat,
  type KioskLocale,
} from '@kiosk/shared';
import { KioskJobListSchema, jobRoutes, jobScreenshotPath, type JobStateReport, type KioskJob } from '@kiosk/shared';
import { FollowUpCaseSchema, followUpPath, type FollowUpCase } from '@kiosk/shared';
import { ANALYTICS_PATH, STAFF_CALLS_PATH, type AnalyticsBatch, type StaffCall } from '@kiosk/shared';
import { OutboxHubCalls, classifyAnswer } from '../outbox/hub-calls.js';

/** What one attempt to hand a case to the hub came to; the sender decides what happens next. */
export type SubmitOutcome =
  | { readonly kind: 'acked'; readonly serverId: string }
  /** 409 in flight: the hub is still processing this key; ask again later, no penalty. */
  | { readonly kind: 'in-flight' }
  /** 5xx, 429, network error, timeout: retry with backoff (honouring Retry-After when given). */
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs: number | null }
  /** Any other 4xx: retrying cannot fix it; dead-letter and alert. */
  | { readonly kind: 'refused'; readonly status: number; readonly error: string };

export interface HubClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The agent's side of the fleet protocol (shared/src/protocol/fleet.ts). */
export class HubClient {
  constructor(private readonly options: HubClientOptions) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      authorization: `Bearer ${this.options.token}`,
      [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
      ...extra,
    };
  }

  async submitCase(submission: CaseSubmission, idempotencyKey: string): Promise<SubmitOutcome> {
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${FLEET_BASE_PATH}/requests`, {
        method: 'POST',
        headers: this.headers({ 'content-type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: idempotencyKey }),
        body: JSON.stringify(submission),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      return { kind: 'retry', error: `hub unreachable: ${describeFetchError(error)}`, retryAfterMs: null };
    }
    const text = await response.text().catch(() => '');
    // One set of rules for a single answer and for each item of a batch (outbox/hub-calls.ts).
    return classifyAnswer(response.status, safeJson(text), parseRetryAfter(response.headers.get('retry-after')));
  }

  /** Sends a heartbeat; resolves with the hub's clock, throws when the hub did not take it. */
  async sendHeartbeat(heartbeat: Heartbeat): Promise<{ serverTime: string }> {
    const response = await fetch(`${this.options.baseUrl}${FLEET_BASE_PATH}/heartbeat`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(heartbeat),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`heartbeat: hub answered ${response.status}`);
    return HeartbeatAnswerSchema.parse(await response.json());
  }

  /** Batches, dead-letter reports and fixes (outbox/hub-calls.ts), with this client's credential. */
  outboxCalls(): OutboxHubCalls {
    return new OutboxHubCalls(this.options, (extra) => this.headers(extra));
  }

  /**
   * The desired kiosk configuration, raw: ConfigSync validates it (a refusal is reported, not
   * thrown). `etag` is the applied version's tag, so an unchanged configuration costs a 304.
   */
  async fetchConfig(etag: string | null): Promise<{ kind: 'not-modified' } | { kind: 'body'; body: unknown }> {
    const response = await fetch(`${this.options.baseUrl}${FLEET_BASE_PATH}/config`, {
      headers: this.headers(etag === null ? {} : { 'if-none-match': etag }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) throw new Error(`config: hub answered ${response.status}`);
    return { kind: 'body', body: safeJson(await response.text()) };
  }

  /** This kiosk's waiting jobs (the hub marks them delivered). */
  async fetchJobs(): Promise<KioskJob[]> {
    const response = await fetch(`${this.options.baseUrl}${jobRoutes.list.path}`, { headers: this.headers(), signal: AbortSignal.timeout(this.options.timeoutMs) });
    if (!response.ok) throw new Error(`jobs: hub answered ${response.status}`);
    return KioskJobListSchema.parse(await response.json()).jobs;
  }

  /** 'conflict' (409): the hub will not take this state (cancelled, expired, timed out): do not retry. Throws when it should be retried. */
  async reportJobState(jobId: string, report: JobStateReport): Promise<'accepted' | 'conflict'> {
    const response = await fetch(`${this.options.baseUrl}${jobRoutes.state.path.replace(':id', encodeURIComponent(jobId))}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(report),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (response.status === 409 || response.status === 404) return 'conflict';
    if (!response.ok) throw new Error(`job state: hub answered ${response.status}`);
    return 'accepted';
  }

  async uploadJobLogs(jobId: string, lines: readonly string[]): Promise<void> {
    const response = await fetch(`${this.options.baseUrl}${jobRoutes.logs.path.replace(':id', encodeURIComponent(jobId))}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ lines }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`job logs: hub answered ${response.status}`);
  }

  /** A screenshot job's PNG, as a raw image/png body; throws when the hub did not take it. */
  async uploadJobScreenshot(jobId: string, png: Uint8Array): Promise<void> {
    const response = await fetch(`${this.options.baseUrl}${jobScreenshotPath(jobId)}`, {
      method: 'PUT',
      headers: this.headers({ 'content-type': 'image/png' }),
      body: png,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`job screenshot: hub answered ${response.status}`);
  }

  /** Where and how to open the WebSocket doorbell (same credential as every other call). */
  doorbellConnection(): { url: string; headers: Record<string, string> } {
    return { url: `${this.options.baseUrl.replace(/^http/, 'ws')}${jobRoutes.doorbell.path}`, headers: this.headers() };
  }

  /** One batch of usage counts (never personal); throws when the hub did not take it (kept for later). */
  async sendAnalytics(batch: AnalyticsBatch): Promise<void> {
    const response = await fetch(`${this.options.baseUrl}${ANALYTICS_PATH}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`analytics: hub answered ${response.status}`);
  }

  /** A citizen pressed "Call staff"; throws when the hub could not be told. */
  async reportStaffCall(call: StaffCall): Promise<void> {
    const response = await fetch(`${this.options.baseUrl}${STAFF_CALLS_PATH}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(call),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`staff call: hub answered ${response.status}`);
  }

  async fetchCatalog(locale: KioskLocale): Promise<Catalog> {
    const response = await fetch(`${this.options.baseUrl}${FLEET_BASE_PATH}/catalog?locale=${encodeURIComponent(locale)}`, {
      headers: this.headers(),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`catalog: hub answered ${response.status}`);
    return CatalogSchema.parse(await response.json());
  }

  /**
   * The public status of a case by kiosk reference or hub request id (follow-up journey).
   * `unreachable` covers no network, timeouts and server errors: the kiosk says it cannot check now.
   */
  async lookupCase(idOrReference: string, locale: KioskLocale): Promise<{ kind: 'found'; case: FollowUpCase } | { kind: 'not-found' } | { kind: 'unreachable' }> {
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${followUpPath(idOrReference)}?locale=${encodeURIComponent(locale)}`, {
        headers: this.headers(),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch {
      return { kind: 'unreachable' };
    }
    if (response.status === 404) return { kind: 'not-found' };
    if (!response.ok) return { kind: 'unreachable' };
    const parsed = FollowUpCaseSchema.safeParse(await response.json().catch(() => null));
    return parsed.success ? { kind: 'found', case: parsed.data } : { kind: 'unreachable' };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}



function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.name;
  }
  return 'unknown error';
}
