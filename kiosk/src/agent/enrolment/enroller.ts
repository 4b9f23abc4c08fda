import { createHash, randomBytes } from 'node:crypto';
import { formatEnrolmentCode, type KioskEnrolmentState } from '@kiosk/shared';
import type { Log } from '../log.js';
import { EnrolmentClient, EnrolmentRateLimited, EnrolmentUnknown } from './enrolment-client.js';
import { readPending, removePending, writeCredentials, writePending, type CredentialsFile, type PendingEnrolmentFile } from './files.js';

/** Waits `ms`, or less when `signal` aborts. Injected in tests so no test sleeps for real. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

export interface EnrollerOptions {
  readonly hubUrl: string;
  readonly timeoutMs: number;
  readonly dataDir: string;
  readonly agentVersion: string;
  readonly log: Log;
  readonly sleep?: Sleep;
  readonly now?: () => Date;
  /** Wait after a failed call to the hub (doubles up to the cap). */
  readonly retryBaseMs?: number;
  readonly retryCapMs?: number;
}

/** 256 bits, base64url: the same strength and alphabet the hub uses for device secrets. */
export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

export const secretHash = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * One kiosk's enrolment, start to finish: make a secret, get a code (or resume the pending one
 * after a restart while it is still valid), poll at the hub's interval, ask for a new code when one
 * expires or is rejected, and on approval write the credential file. Never logs the secret, the
 * poll token or the code (the code is shown on screen, which is the point, but logs travel).
 */
export class Enroller {
  private readonly abort = new AbortController();
  private readonly client: EnrolmentClient;
  private readonly sleep: Sleep;
  private readonly now: () => Date;
  private current: KioskEnrolmentState = { phase: 'requesting', userCode: null, expiresAt: null, approveUrl: null };
  private failures = 0;

  constructor(private readonly options: EnrollerOptions) {
    this.client = new EnrolmentClient({ baseUrl: options.hubUrl, timeoutMs: options.timeoutMs });
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? (() => new Date());
  }

  /** What the enrolment screen shows now. */
  state(): KioskEnrolmentState {
    return this.current;
  }

  stop(): void {
    this.abort.abort();
  }

  /** Resolves with the credential once approved and saved; rejects only when stopped. */
  async run(): Promise<CredentialsFile> {
    let pending = this.resumable(readPending(this.options.dataDir));
    if (pending !== null) this.options.log('enrolment: resuming the pending code', { expiresAt: pending.localExpiresAt });
    while (!this.abort.signal.aborted) {
      try {
        if (pending === null || this.expired(pending)) {
          pending = await this.newCode();
          continue;
        }
        await this.sleep(pending.intervalSeconds * 1000, this.abort.signal);
        if (this.abort.signal.aborted) break;
        const answer = await this.client.poll(pending.enrolmentId, pending.pollToken);
        this.failures = 0;
        this.show(pending, 'waiting');
        switch (answer.status) {
          case 'pending':
            break;
          case 'slow_down':
            pending = { ...pending, intervalSeconds: answer.intervalSeconds };
            writePending(this.options.dataDir, pending);
            break;
          case 'approved':
            return this.approved(pending, answer.deviceId, answer.issuer);
          case 'expired':
          case 'rejected':
            this.options.log('enrolment: code no longer valid; asking for a new one', { status: answer.status });
            removePending(this.options.dataDir);
            pending = null;
            break;
        }
      } catch (error) {
        if (error instanceof EnrolmentUnknown) {
          removePending(this.options.dataDir);
          pending = null;
          continue;
        }
        await this.waitAfterFailure(error, pending);
      }
    }
    throw new Error('enrolment stopped');
  }

  /** A pending enrolment from the last run is worth resuming only on the same hub and while valid. */
  private resumable(pending: PendingEnrolmentFile | null): PendingEnrolmentFile | null {
    if (pending === null || pending.hubUrl !== this.options.hubUrl || this.expired(pending)) return null;
    this.show(pending, 'waiting');
    return pending;
  }

  private expired(pending: PendingEnrolmentFile): boolean {
    return Date.parse(pending.localExpiresAt) <= this.now().getTime();
  }

  private async newCode(): Promise<PendingEnrolmentFile> {
    this.current = { phase: this.failures > 0 ? 'unreachable' : 'requesting', userCode: null, expiresAt: null, approveUrl: null };
    // A fresh secret per code: an expired or rejected enrolment's hash can never become a device.
    const secret = newDeviceSecret();
    const started = await this.client.start(secretHash(secret), this.options.agentVersion);
    this.failures = 0;
    const localExpiresAt = new Date(this.now().getTime() + started.expiresInSeconds * 1000).toISOString();
    const pending: PendingEnrolmentFile = { ...started, secret, hubUrl: this.options.hubUrl, localExpiresAt };
    // Saved before it is shown: a restart from here resumes this code instead of wasting it.
    writePending(this.options.dataDir, pending);
    this.show(pending, 'waiting');
    this.options.log('enrolment: showing a new code', { expiresAt: pending.localExpiresAt });
    return pending;
  }

  private show(pending: PendingEnrolmentFile, phase: KioskEnrolmentState['phase']): void {
    this.current = {
      phase,
      userCode: formatEnrolmentCode(pending.userCode),
      expiresAt: pending.localExpiresAt,
      approveUrl: `${this.options.hubUrl}/console/enrol?code=${pending.userCode}`,
    };
  }

  private approved(pending: PendingEnrolmentFile, deviceId: string, issuer: string): CredentialsFile {
    const credentials: CredentialsFile = { deviceId, issuer, token: `${deviceId}.${pending.secret}`, hubUrl: this.options.hubUrl };
    // Credential first, then forget the pending file: a crash in between resumes and is approved again.
    writeCredentials(this.options.dataDir, credentials);
    removePending(this.options.dataDir);
    this.current = { phase: 'approved', userCode: null, expiresAt: null, approveUrl: null };
    this.options.log('enrolment: approved', { deviceId, issuer });
    return credentials;
  }

  private async waitAfterFailure(error: unknown, pending: PendingEnrolmentFile | null): Promise<void> {
    this.failures += 1;
    const base = this.options.retryBaseMs ?? 2_000;
    const cap = this.options.retryCapMs ?? 60_000;
    const wait = error instanceof EnrolmentRateLimited ? error.retryAfterMs : Math.min(cap, base * 2 ** Math.min(this.failures - 1, 10));
    // The code stays on screen while still valid: the admin may approve it while the network is down.
    if (pending !== null && !this.expired(pending)) this.show(pending, 'unreachable');
    else this.current = { phase: 'unreachable', userCode: null, expiresAt: null, approveUrl: null };
    this.options.log('enrolment: hub not answering; will retry', { error: (error as Error).message, delayMs: wait });
    await this.sleep(wait, this.abort.signal);
  }
}
