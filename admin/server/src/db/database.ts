import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { DatabaseConfig } from '../config.js';
import type { HubDatabase } from './schema.js';

/** Upper bound of PostgreSQL connections one hub process holds. */
export const DEFAULT_PG_POOL_SIZE = 10;

export type HubDb = Kysely<HubDatabase>;

export interface OpenedDatabase {
  readonly db: HubDb;
  readonly kind: DatabaseConfig['kind'];
  close(): Promise<void>;
}

function openSqlite(file: string, busyTimeoutMs: number): HubDb {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const connection = new Sqlite(file);
  // WAL lets readers run beside the writer; FULL fsyncs each commit, because a case the hub
  // acknowledged must survive a power cut (DESIGN.md section 5).
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  // Deleted and overwritten content is zeroed, not left in free space: erased personal data and
  // secrets replaced by their sealed form (migration 0020) leave no readable copy in the file.
  connection.pragma('secure_delete = ON');
  connection.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  return new Kysely<HubDatabase>({ dialect: new SqliteDialect({ database: connection }) });
}

function openPostgres(url: string): HubDb {
  const pool = new pg.Pool({ connectionString: url, max: DEFAULT_PG_POOL_SIZE });
  // An idle pooled connection that PostgreSQL drops (a restart, a failover, an admin's terminate)
  // emits 'error' on the pool; unhandled, that would crash the hub. The pool discards that client
  // and the next query opens a fresh one, so noting it is enough.
  pool.on('error', (error) => {
    process.stderr.write(`${JSON.stringify({ level: 40, msg: 'database connection lost while idle; it will be replaced', error: error.message })}\n`);
  });
  return new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) });
}

export function openDatabase(config: DatabaseConfig): OpenedDatabase {
  const db = config.kind === 'sqlite' ? openSqlite(config.file, config.busyTimeoutMs) : openPostgres(config.url);
  let closed = false;
  return {
    db,
    kind: config.kind,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** True when the database answers a trivial query. */
export async function databaseAnswers(db: HubDb): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** Unique-constraint violations look different per driver; callers only need to know "it clashed". */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
