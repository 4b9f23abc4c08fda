import fs from 'node:fs';
import path from 'node:path';
import type { ContentReport } from '@kiosk/shared';
import { BundleStore } from './bundle-store.js';
import type { AppliedBundle, BundlePointer, RefusedBundle } from './bundle-store.js';
import { ContentClient, HubUnavailable } from './content-client.js';
import { ContentRefusal } from './manifest.js';
import type { ContentRefusalCode, SignedBundle } from './manifest.js';
import { keyIdOf, manifestDigest, verifyFile, verifySignature } from './verify.js';
import type { TrustedKey } from './verify.js';

export interface ContentUpdaterOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly dataDir: string;
  /** A key given by configuration wins; without one the hub's key is fetched once and pinned. */
  readonly trustedPublicKeyPem?: string | null;
  readonly timeoutMs?: number;
  readonly checkIntervalMs?: number;
  readonly maxFileBytes?: number;
  readonly now?: () => Date;
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Test seam: runs after the bundle is staged and verified, before the live pointer moves. */
  readonly beforeSwap?: (version: number) => void | Promise<void>;
}

export const CONTENT_DEFAULTS = {
  timeoutMs: 10_000,
  /** Bundles change when an editor publishes; a few minutes of delay is fine, the hub is spared. */
  checkIntervalMs: 5 * 60_000,
  maxFileBytes: 5 * 1024 * 1024,
} as const;

/** The heartbeat's `content.error.reason` is at most this long (the schema's limit). */
const MAX_REPORTED_REASON = 300;

export type ContentErrorCode = ContentRefusalCode | 'hub-unavailable';
export interface ContentError {
  readonly code: ContentErrorCode;
  readonly message: string;
  readonly at: string;
}

export type CheckResult =
  | { readonly kind: 'applied'; readonly version: number }
  | { readonly kind: 'unchanged'; readonly version: number | null }
  | { readonly kind: 'refused'; readonly code: ContentRefusalCode; readonly message: string }
  | { readonly kind: 'offline'; readonly message: string };

export interface ContentStatus {
  /** The applied version (for heartbeats), null before the first good bundle. */
  readonly version: number | null;
  readonly expiresAt: string | null;
  /** True when the kiosk is serving a bundle past its expiry (offline too long or refused updates). */
  readonly expired: boolean;
  readonly lastError: ContentError | null;
}

/** Fetches, verifies, stages and atomically applies signed content bundles; see README.md. */
export class ContentUpdater {
  private readonly store: BundleStore;
  private readonly client: ContentClient;
  private readonly now: () => Date;
  private readonly log: NonNullable<ContentUpdaterOptions['log']>;
  private readonly checkIntervalMs: number;
  private lastError: ContentError | null = null;
  /** The last refused bundle, as refused.json holds it: read once here, kept in step on every change. */
  private refused: RefusedBundle | null;
  private running: Promise<CheckResult> | null = null;
  /** A background check was asked for while one ran: run one more when it ends. */
  private followUp = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ContentUpdaterOptions) {
    this.store = new BundleStore(options.dataDir);
    this.refused = this.store.readRefused();
    this.client = new ContentClient({
      baseUrl: options.baseUrl,
      token: options.token,
      timeoutMs: options.timeoutMs ?? CONTENT_DEFAULTS.timeoutMs,
      maxFileBytes: options.maxFileBytes ?? CONTENT_DEFAULTS.maxFileBytes,
    });
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
    this.checkIntervalMs = options.checkIntervalMs ?? CONTENT_DEFAULTS.checkIntervalMs;
  }

  status(): ContentStatus {
    const current = this.store.readPointer()?.current ?? null;
    return {
      version: current?.version ?? null,
      expiresAt: current?.expiresAt ?? null,
      expired: current === null ? false : Date.parse(current.expiresAt) <= this.now().getTime(),
      lastError: this.lastError,
    };
  }

  /**
   * For heartbeats: the last bundle refused since a bundle last applied (version and why), or no
   * error. Kept in DATA_DIR/content/refused.json too, so it survives a restart until a bundle applies;
   * heartbeats read the copy in memory, not the file.
   */
  report(): ContentReport {
    const refused = this.refused;
    if (refused === null) return { error: null };
    const reason = `${refused.code}: ${refused.message}`;
    return {
      error: {
        version: refused.version === null ? null : String(refused.version),
        reason: reason.length <= MAX_REPORTED_REASON ? reason : `${reason.slice(0, MAX_REPORTED_REASON - 1)}…`,
      },
    };
  }

  /** The live bundle's folder (files at their manifest paths), or null before the first bundle. */
  currentDir(): string | null {
    const current = this.store.readPointer()?.current;
    return current === undefined ? null : this.store.versionDir(current.version);
  }

  readCurrentFile(relativePath: string): Buffer | null {
    const pointer = this.store.readPointer();
    if (pointer === null || !pointer.current.files.some((file) => file.path === relativePath)) return null;
    return fs.readFileSync(path.join(this.store.versionDir(pointer.current.version), relativePath));
  }

  /** Makes the kept previous bundle live again (an operator's rollback); false when there is none. */
  rollback(): boolean {
    const pointer = this.store.readPointer();
    if (pointer?.previous == null) return false;
    // Keep the rolled-back bundle's ETag: the hub answers 304 until it publishes something newer,
    // so the rollback holds instead of the bad bundle coming straight back.
    this.store.swap({ current: { ...pointer.previous, etag: pointer.current.etag }, previous: pointer.current });
    this.log('content rolled back', { from: pointer.current.version, to: pointer.previous.version });
    return true;
  }

  start(): void {
    if (this.timer !== null) return;
    const tick = () => this.checkInBackground();
    tick();
    this.timer = setInterval(tick, this.checkIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** One check; concurrent callers share the check in flight. */
  checkNow(): Promise<CheckResult> {
    this.running ??= this.check().finally(() => {
      this.running = null;
      if (!this.followUp) return;
      this.followUp = false;
      this.checkInBackground();
    });
    return this.running;
  }

  /**
   * A check nobody waits for: the periodic tick, and the hub's doorbell ringing "content" (a
   * publication, a rollout step). Never two at once: asked while a check runs, it runs one more
   * check after it (the running one may have fetched the bundle just before the publication), and
   * any number of rings meanwhile still make only that one.
   */
  checkInBackground(): void {
    if (this.running !== null) {
      this.followUp = true;
      return;
    }
    void this.checkNow().catch((error: unknown) => this.log('content check crashed', { error: String(error) }));
  }

  private async check(): Promise<CheckResult> {
    try {
      const result = await this.fetchAndApply();
      this.lastError = null;
      return result;
    } catch (error) {
      if (error instanceof ContentRefusal) {
        this.remember(error.code, error.message);
        this.refused = { version: error.version, code: error.code, message: error.message, at: this.now().toISOString() };
        this.store.recordRefused(this.refused);
        this.log('content bundle refused', { code: error.code, reason: error.message });
        return { kind: 'refused', code: error.code, message: error.message };
      }
      if (error instanceof HubUnavailable) {
        this.remember('hub-unavailable', error.message);
        return { kind: 'offline', message: error.message };
      }
      throw error;
    }
  }

  private remember(code: ContentErrorCode, message: string): void {
    this.lastError = { code, message, at: this.now().toISOString() };
  }

  private async trustedKey(): Promise<TrustedKey> {
    const configured = this.options.trustedPublicKeyPem;
    if (configured != null) return { keyId: keyIdOf(configured), publicKeyPem: configured };
    const pinned = this.store.readTrustedKey();
    if (pinned !== null) return pinned;
    // Trust on first use: the key is fetched over the device's authenticated channel, once.
    const answer = await this.client.fetchPublicKey();
    let keyId: string;
    try {
      keyId = keyIdOf(answer.publicKey);
    } catch {
      throw new ContentRefusal('malformed', 'the hub\'s public key is not a readable Ed25519 key');
    }
    if (keyId !== answer.keyId) throw new ContentRefusal('unknown-key', `the hub's key id ${answer.keyId} does not match its key (${keyId})`);
    const key = { keyId, publicKeyPem: answer.publicKey };
    this.store.pinTrustedKey(key);
    this.log('content key pinned', { keyId });
    return key;
  }

  private async fetchAndApply(): Promise<CheckResult> {
    const pointer = this.store.readPointer();
    const answer = await this.client.fetchBundle(pointer?.current.etag ?? null);
    if (answer.kind === 'unchanged') return { kind: 'unchanged', version: pointer?.current.version ?? null };
    const { bundle } = answer;
    try {
      return await this.verifyAndApply(bundle, answer.etag, pointer);
    } catch (error) {
      // Name the refused version: the hub's content rollout judges the kiosk on it.
      throw error instanceof ContentRefusal ? error.forVersion(bundle.manifest.version) : error;
    }
  }

  private async verifyAndApply(bundle: SignedBundle, etag: string | null, pointer: BundlePointer | null): Promise<CheckResult> {
    verifySignature(bundle, await this.trustedKey());
    const digest = manifestDigest(bundle.manifest);
    const current = pointer?.current ?? null;
    if (current !== null && bundle.manifest.version === current.version && digest === current.digest) {
      return { kind: 'unchanged', version: current.version };
    }
    this.refuseStaleOrExpired(bundle, current);
    const applied: AppliedBundle = {
      version: bundle.manifest.version,
      createdAt: bundle.manifest.createdAt,
      expiresAt: bundle.manifest.expiresAt,
      digest,
      etag,
      files: bundle.manifest.files,
    };
    await this.stageAndSwap(bundle, applied, current);
    this.refused = null;
    this.store.clearRefused();
    this.log('content bundle applied', { version: applied.version, files: applied.files.length });
    return { kind: 'applied', version: applied.version };
  }

  private refuseStaleOrExpired(bundle: SignedBundle, current: AppliedBundle | null): void {
    const { version, expiresAt } = bundle.manifest;
    if (current !== null && version < current.version) {
      throw new ContentRefusal('older-version', `bundle version ${version} is older than the applied version ${current.version}`);
    }
    if (current !== null && version === current.version) {
      throw new ContentRefusal('older-version', `bundle version ${version} has the applied version's number but different content`);
    }
    if (Date.parse(expiresAt) <= this.now().getTime()) throw new ContentRefusal('expired', `bundle version ${version} expired at ${expiresAt}`);
  }

  private async stageAndSwap(bundle: SignedBundle, applied: AppliedBundle, current: AppliedBundle | null): Promise<void> {
    const staging = this.store.newStaging();
    try {
      for (const file of bundle.manifest.files) {
        const bytes = await this.client.fetchFile(file.sha256, file.size);
        verifyFile(file, bytes);
        this.store.writeStagedFile(staging, file.path, bytes);
      }
      await this.options.beforeSwap?.(applied.version);
      this.store.promote(staging, applied.version);
    } catch (error) {
      this.store.discardStaging(staging);
      throw error;
    }
    this.store.swap({ current: applied, previous: current });
  }
}
