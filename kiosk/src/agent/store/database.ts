import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations.js';

export type AgentDatabase = Database.Database;

/**
 * Opens the kiosk's local store. WAL with synchronous=FULL because kiosks get unplugged: a commit
 * the citizen was told about must survive a power cut (platform.md, "Outbox on the kiosk").
 */
export function openAgentDatabase(file: string): AgentDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Forward-only migrations, numbered by SQLite's user_version. */
function migrate(db: AgentDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`the kiosk store is at version ${current}, newer than this agent knows (${migrations.length}); refusing to touch it`);
  }
  for (let version = current; version < migrations.length; version += 1) {
    db.transaction(() => {
      db.exec(migrations[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
