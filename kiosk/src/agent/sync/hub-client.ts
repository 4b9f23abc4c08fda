import {
  CaseAcceptedSchema,
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
    if (response.ok) {
      const parsed = CaseAcceptedSchema.safeParse(safeJson(text));
      if (parsed.success) return { kind: 'acked', serverId: parsed.data.serviceRequestId };
      return { kind: 'retry', error: `hub answered ${response.status} with an unreadable body`, retryAfterMs: null };
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    const reason = errorMessage(text) ?? response.statusText;
    if (response.status === 409 && errorCode(text) === 'in-flight') return { kind: 'in-flight' };
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      return { kind: 'retry', error: `hub answered ${response.status}: ${reason}`, retryAfterMs };
    }
    return { kind: 'refused', status: response.status, error: `hub refused (${response.status}): ${reason}` };
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

  async fetchCatalog(locale: KioskLocale): Promise<Catalog> {
    const response = await fetch(`${this.options.baseUrl}${FLEET_BASE_PATH}/catalog?locale=${encodeURIComponent(locale)}`, {
      headers: this.headers(),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) throw new Error(`catalog: hub answered ${response.status}`);
    return CatalogSchema.parse(await response.json());
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorMessage(text: string): string | null {
  const body = safeJson(text) as { error?: { message?: unknown } } | null;
  return typeof body?.error?.message === 'string' ? body.error.message : null;
}

function errorCode(text: string): string | null {
  const body = safeJson(text) as { error?: { code?: unknown } } | null;
  return typeof body?.error?.code === 'string' ? body.error.code : null;
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.name;
  }
  return 'unknown error';
}
