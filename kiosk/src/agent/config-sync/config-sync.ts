import { DEFAULT_KIOSK_CONFIG, DesiredConfigSchema } from '@kiosk/shared';
import type { AppliedKioskConfig, ConfigReport } from '@kiosk/shared';
import type { Log } from '../log.js';
import type { KioskConfigStore } from './config-store.js';

/** What one GET /fleet/v1/config came to (HubClient.fetchConfig). */
export type FetchedConfig = { readonly kind: 'not-modified' } | { readonly kind: 'body'; readonly body: unknown };

export type ConfigCheckOutcome = 'unchanged' | 'applied' | 'refused' | 'unreachable' | 'busy';

export interface ConfigSyncOptions {
  readonly store: KioskConfigStore;
  /** `etag` is the applied version's tag, so an unchanged configuration costs a 304. */
  readonly fetch: (etag: string | null) => Promise<FetchedConfig>;
  readonly log: Log;
  readonly now?: () => Date;
}

/**
 * Keeps the kiosk on the configuration the hub wants (desired/reported state, issue 6). It fetches
 * when a heartbeat answer names another desired version (or when the doorbell rings: `checkNow`),
 * validates with the shared schema, persists, then tells the renderer. A configuration that does
 * not validate, or is older than the one applied, is refused and reported; the previous one stays.
 */
export class ConfigSync {
  private readonly listeners = new Set<(applied: AppliedKioskConfig) => void>();
  private checking: Promise<ConfigCheckOutcome> | null = null;
  /** Refused in this run: not fetched again at every heartbeat (a restart, e.g. after an upgrade, retries). */
  private refusedVersion: number | null = null;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly options: ConfigSyncOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** What the kiosk runs now: the applied configuration, or the built-in defaults. */
  current(): AppliedKioskConfig {
    const applied = this.options.store.applied();
    return applied === null ? { version: null, config: DEFAULT_KIOSK_CONFIG } : { version: applied.version, config: applied.config };
  }

  /** For heartbeats. */
  report(): ConfigReport {
    return { appliedVersion: this.options.store.applied()?.version ?? null, error: this.options.store.refused() };
  }

  /** Called after each applied configuration (the agent broadcasts 'config.changed'). */
  onApplied(listener: (applied: AppliedKioskConfig) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** From each heartbeat answer: fetch when the hub wants another version than the one applied. */
  observeDesiredVersion(desired: number): void {
    const applied = this.options.store.applied()?.version ?? 0;
    if (desired === applied || desired === this.refusedVersion) return;
    void this.checkNow();
  }

  /** Fetch, validate, persist and apply now. Calls while one check runs share its outcome. */
  checkNow(): Promise<ConfigCheckOutcome> {
    if (this.stopped) return Promise.resolve('busy');
    this.checking ??= this.check().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  stop(): void {
    this.stopped = true;
  }

  private async check(): Promise<ConfigCheckOutcome> {
    const applied = this.options.store.applied();
    let fetched: FetchedConfig;
    try {
      fetched = await this.options.fetch(applied === null ? null : `"${applied.version}"`);
    } catch (error) {
      this.options.log('configuration not fetched; the next heartbeat tries again', { error: (error as Error).message });
      return 'unreachable';
    }
    if (this.stopped) return 'busy';
    if (fetched.kind === 'not-modified') return 'unchanged';

    const parsed = DesiredConfigSchema.safeParse(fetched.body);
    if (!parsed.success) {
      const version = versionOf(fetched.body);
      const issue = parsed.error.issues[0];
      return this.refuse(version, `invalid configuration: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    const { version, config } = parsed.data;
    if (applied !== null && version === applied.version) return 'unchanged';
    if (applied !== null && version < applied.version) return this.refuse(version, `version ${version} is older than the applied version ${applied.version}`);

    this.options.store.saveApplied(version, config, this.now());
    this.refusedVersion = null;
    this.options.log('kiosk configuration applied', { version });
    const current = { version, config };
    for (const listener of this.listeners) {
      try {
        listener(current);
      } catch (error) {
        this.options.log('a configuration listener failed', { error: (error as Error).message });
      }
    }
    return 'applied';
  }

  private refuse(version: number, message: string): ConfigCheckOutcome {
    this.options.store.saveRefused(version, message, this.now());
    this.refusedVersion = version;
    this.options.log('kiosk configuration refused; the previous one stays', { version, message });
    return 'refused';
  }
}

/** The version an invalid body claims, if it says one (so the hub can tell which version failed). */
function versionOf(body: unknown): number {
  const version = (body as { version?: unknown } | null)?.version;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0;
}
