/** Every number of the forwarding module that matters, named, with its default. */
export interface ForwardingPolicy {
  /** Full-jitter backoff: a retry waits random(0, min(cap, base * 2^attempts)). */
  readonly retryBaseMs: number;
  readonly retryCapMs: number;
  /** A claimed row is due again after this, in case the process died holding it. */
  readonly leaseMs: number;
  /** One HTTP call to the CRM gives up after this (then it is retried, like a 5xx). */
  readonly requestTimeoutMs: number;
  /** Rows handled per run. */
  readonly batchSize: number;
  /** Ids per `GET requests?service_request_id=a,b,c` (our own hub accepts up to 200). */
  readonly syncChunkSize: number;
  /** The look-up window starts this long before our first POST: the CRM's clock may lag ours. */
  readonly clockSkewMs: number;
}

export const DEFAULT_FORWARDING_POLICY: ForwardingPolicy = {
  retryBaseMs: 2_000,
  retryCapMs: 5 * 60_000,
  leaseMs: 2 * 60_000,
  requestTimeoutMs: 15_000,
  batchSize: 50,
  syncChunkSize: 50,
  clockSkewMs: 5 * 60_000,
};

/** How often the hub's timers run the outbox and the status sync. */
export const DEFAULT_FORWARDING_INTERVALS = { outboxMs: 5_000, syncMs: 60_000 } as const;

/** The first line of a forwarded description: our reference, so a look-up can find the case. */
export const REFERENCE_PREFIX = 'Ref: ';
/** The attribute code some CRMs define for an external reference; read when present. */
export const REFERENCE_ATTRIBUTE = 'HUB_REFERENCE';
/** Open311's limit on description (a longer one is refused by the CRM). */
export const MAX_FORWARDED_DESCRIPTION = 4000;
/** How many characters of a CRM's error text are kept on a dead row. */
export const MAX_ERROR_DETAIL = 1000;

export function fullJitterDelayMs(attempts: number, policy: ForwardingPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.retryCapMs, policy.retryBaseMs * 2 ** Math.min(attempts, 30));
  return Math.floor(random() * ceiling);
}
