import { randomUUID } from 'node:crypto';
import { FLEET_BASE_PATH, IDEMPOTENCY_KEY_HEADER, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, mintReference } from '@kiosk/shared';

/** A kiosk the soak pretends to be: its own credential and reference issuer. */
export interface SimulatedKiosk {
  readonly deviceId: string;
  readonly issuer: string;
  readonly token: string;
  sequence: number;
}

export interface FleetCounters {
  heartbeats: number;
  heartbeatFailures: number;
  filed: number;
  fileFailures: number;
  jobsDone: number;
  jobFailures: number;
}

export interface FleetOptions {
  readonly hubUrl: () => string;
  readonly heartbeatMs: number;
  /** Each kiosk files one request every this often, on average. */
  readonly fileEveryMs: number;
  readonly serviceCode: string;
}

const NOW = () => new Date().toISOString();

function heartbeat(kiosk: SimulatedKiosk): unknown {
  const since = NOW();
  return {
    sentAt: NOW(),
    versions: { agent: 'soak', protocol: PROTOCOL_VERSION, content: null },
    devices: { printer: { state: 'ok', reason: null, since }, scanner: { state: 'ok', reason: null, since } },
    outbox: { depth: 0, oldestAgeSeconds: null, dead: 0 },
    sessionActive: kiosk.sequence % 7 === 0,
    shell: null,
  };
}

/**
 * Drives many simulated kiosks through the fleet protocol on timers spread evenly over the interval
 * (a thousand kiosks do not beat in the same millisecond). Failures while the hub restarts are
 * counted, not fatal: that is the point of restarting it. A filing that failed is retried with the
 * same idempotency key, as the real agent does, so the hub must end up with each case once.
 */
export class SimulatedFleet {
  readonly counters: FleetCounters = { heartbeats: 0, heartbeatFailures: 0, filed: 0, fileFailures: 0, jobsDone: 0, jobFailures: 0 };
  /** Filings not yet acknowledged: retried on the next tick with the same key. */
  private readonly pending: Array<{ kiosk: SimulatedKiosk; key: string; body: string; reference: string }> = [];
  readonly references = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly kiosks: readonly SimulatedKiosk[],
    private readonly options: FleetOptions,
  ) {}

  start(): void {
    this.kiosks.forEach((kiosk, index) => {
      const offset = Math.floor((index / this.kiosks.length) * this.options.heartbeatMs);
      this.timers.push(
        setTimeout(() => {
          void this.tick(kiosk);
          this.timers.push(setInterval(() => void this.tick(kiosk), this.options.heartbeatMs));
        }, offset),
      );
    });
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** What a kiosk does each beat: report, maybe file, look for jobs. */
  private async tick(kiosk: SimulatedKiosk): Promise<void> {
    await this.beat(kiosk);
    if (Math.random() < this.options.heartbeatMs / this.options.fileEveryMs) this.queueFiling(kiosk);
    await this.flushFilings(kiosk);
    await this.takeJobs(kiosk);
  }

  private headers(kiosk: SimulatedKiosk, extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${kiosk.token}`, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION), 'content-type': 'application/json', ...extra };
  }

  private async call(path: string, init: RequestInit): Promise<Response | null> {
    try {
      return await fetch(`${this.options.hubUrl()}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
    } catch {
      return null;
    }
  }

  private async beat(kiosk: SimulatedKiosk): Promise<void> {
    const response = await this.call(`${FLEET_BASE_PATH}/heartbeat`, { method: 'POST', headers: this.headers(kiosk), body: JSON.stringify(heartbeat(kiosk)) });
    if (response?.ok) this.counters.heartbeats += 1;
    else this.counters.heartbeatFailures += 1;
    await response?.arrayBuffer().catch(() => undefined);
  }

  private queueFiling(kiosk: SimulatedKiosk): void {
    kiosk.sequence += 1;
    const reference = mintReference(kiosk.issuer, kiosk.sequence).display;
    const body = JSON.stringify({
      serviceCode: this.options.serviceCode,
      description: `Soak request ${reference}: bins overflowing at the corner.`,
      attributes: {},
      locale: 'es',
      localReference: reference,
      sequence: kiosk.sequence,
      submittedAt: NOW(),
    });
    this.pending.push({ kiosk, key: randomUUID(), body, reference });
  }

  private async flushFilings(kiosk: SimulatedKiosk): Promise<void> {
    const mine = this.pending.filter((p) => p.kiosk === kiosk);
    for (const filing of mine) {
      const response = await this.call(`${FLEET_BASE_PATH}/requests`, {
        method: 'POST',
        headers: this.headers(kiosk, { [IDEMPOTENCY_KEY_HEADER]: filing.key }),
        body: filing.body,
      });
      await response?.arrayBuffer().catch(() => undefined);
      if (response?.ok) {
        this.pending.splice(this.pending.indexOf(filing), 1);
        this.references.add(filing.reference);
        this.counters.filed += 1;
      } else {
        this.counters.fileFailures += 1;
        return; // keep order: the next beat retries, oldest first
      }
    }
  }

  /** Polls the kiosk's jobs and reports each one done (the soak measures the hub, not the work). */
  private async takeJobs(kiosk: SimulatedKiosk): Promise<void> {
    const response = await this.call(`${FLEET_BASE_PATH}/jobs`, { method: 'GET', headers: this.headers(kiosk) });
    if (!response?.ok) {
      await response?.arrayBuffer().catch(() => undefined);
      return;
    }
    const body = (await response.json().catch(() => null)) as { jobs?: Array<{ id: string }> } | null;
    for (const job of body?.jobs ?? []) {
      for (const state of ['in-progress', 'succeeded']) {
        const report = await this.call(`${FLEET_BASE_PATH}/jobs/${encodeURIComponent(job.id)}/state`, {
          method: 'POST',
          headers: this.headers(kiosk, { [IDEMPOTENCY_KEY_HEADER]: `${job.id}-${state}` }),
          body: JSON.stringify({ state, result: state === 'succeeded' ? { soak: true } : undefined }),
        });
        await report?.arrayBuffer().catch(() => undefined);
        if (!report?.ok) {
          this.counters.jobFailures += 1;
          break;
        }
        if (state === 'succeeded') this.counters.jobsDone += 1;
      }
    }
  }

  /** Wind-down: one more attempt for every kiosk with filings still unacknowledged. */
  async flushAll(): Promise<void> {
    const kiosks = new Set(this.pending.map((p) => p.kiosk));
    await Promise.all([...kiosks].map((kiosk) => this.flushFilings(kiosk)));
  }

  get unacknowledged(): number {
    return this.pending.length;
  }
}
