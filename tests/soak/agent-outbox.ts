import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Requests the agent still has to send, read from its store (read-only; the agent keeps writing). */
export function agentOutboxDepth(storeDir: string): number {
  let depth = 0;
  for (const file of readdirSync(storeDir).filter((name) => name.endsWith('.sqlite'))) {
    const db = new Database(join(storeDir, file), { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'inflight')").get() as { n: number };
      depth += row.n;
    } finally {
      db.close();
    }
  }
  return depth;
}

/** Requests the hub refused for good (dead-lettered): in a soak, any is a failure. */
export function agentDeadLetters(storeDir: string): number {
  let dead = 0;
  for (const file of readdirSync(storeDir).filter((name) => name.endsWith('.sqlite'))) {
    const db = new Database(join(storeDir, file), { readonly: true, fileMustExist: true });
    try {
      dead += (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'dead'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  return dead;
}

/** Polls until the agent's outbox is empty (true) or the deadline passes (false). */
export async function waitForAgentOutbox(storeDir: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (agentOutboxDepth(storeDir) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return agentOutboxDepth(storeDir) === 0;
}
