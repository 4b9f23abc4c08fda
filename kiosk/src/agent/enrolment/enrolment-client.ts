import {
  EnrolmentPollAnswerSchema,
  EnrolmentStartedSchema,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  enrolmentPaths,
  type EnrolmentPollAnswer,
  type EnrolmentStarted,
} from '@kiosk/shared';
import { parseRetryAfter } from '../sync/hub-client.js';

/** The hub said "not now" (429): wait this long before asking again. */
export class EnrolmentRateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`enrolment: the hub asks to wait ${retryAfterMs} ms`);
  }
}

/** The hub does not know this enrolment (e.g. its database was reset): start over. */
export class EnrolmentUnknown extends Error {}

/** The two unauthenticated calls of enrolment; every other failure throws a plain Error (retry later). */
export class EnrolmentClient {
  constructor(private readonly options: { baseUrl: string; timeoutMs: number }) {}

  private async call(path: string, init: RequestInit): Promise<unknown> {
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      ...init,
      headers: { [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION), ...(init.headers as Record<string, string>) },
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (response.status === 429) throw new EnrolmentRateLimited(parseRetryAfter(response.headers.get('retry-after')) ?? 60_000);
    if (response.status === 404) throw new EnrolmentUnknown('enrolment: the hub does not know this enrolment');
    if (!response.ok) throw new Error(`enrolment: hub answered ${response.status}`);
    return response.json();
  }

  async start(secretHash: string, agentVersion: string): Promise<EnrolmentStarted> {
    const body = await this.call(enrolmentPaths.start, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secretHash, agentVersion }),
    });
    return EnrolmentStartedSchema.parse(body);
  }

  async poll(enrolmentId: string, pollToken: string): Promise<EnrolmentPollAnswer> {
    const path = enrolmentPaths.poll.replace(':id', encodeURIComponent(enrolmentId));
    return EnrolmentPollAnswerSchema.parse(await this.call(path, { headers: { authorization: `Bearer ${pollToken}` } }));
  }
}
