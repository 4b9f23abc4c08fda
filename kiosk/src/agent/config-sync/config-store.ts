import { KioskConfigSchema } from '@kiosk/shared';
import type { ConfigReport, KioskConfig } from '@kiosk/shared';
import type { AgentDatabase } from '../store/database.js';

export interface StoredKioskConfig {
  readonly version: number;
  readonly config: KioskConfig;
}

/** The only SQL on applied_config and refused_config (kiosk store step 5). */
export class KioskConfigStore {
  constructor(private readonly db: AgentDatabase) {}

  /** The applied configuration, or null while the built-in defaults apply. */
  applied(): StoredKioskConfig | null {
    const row = this.db.prepare('SELECT version, body FROM applied_config WHERE id = 1').get() as { version: number; body: string } | undefined;
    if (row === undefined) return null;
    // Stored only after validation; parsed again so a store written by an older agent gets defaults.
    const parsed = KioskConfigSchema.safeParse(JSON.parse(row.body));
    return parsed.success ? { version: row.version, config: parsed.data } : null;
  }

  refused(): ConfigReport['error'] {
    const row = this.db.prepare('SELECT version, message FROM refused_config WHERE id = 1').get() as { version: number; message: string } | undefined;
    return row === undefined ? null : { version: row.version, message: row.message };
  }

  /** The new configuration and the end of any earlier refusal, in one transaction. */
  saveApplied(version: number, config: KioskConfig, at: Date): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO applied_config (id, version, body, applied_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body, applied_at = excluded.applied_at')
        .run(version, JSON.stringify(config), at.toISOString());
      this.db.prepare('DELETE FROM refused_config WHERE id = 1').run();
    })();
  }

  saveRefused(version: number, message: string, at: Date): void {
    this.db
      .prepare('INSERT INTO refused_config (id, version, message, refused_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, message = excluded.message, refused_at = excluded.refused_at')
      .run(version, message.slice(0, 500), at.toISOString());
  }
}
