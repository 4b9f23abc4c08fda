import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { parseReference, type RequestDraft } from '@kiosk/shared';
import { openAgentDatabase, type AgentDatabase } from '../../src/agent/store/database.js';
import { RequestsRepository } from '../../src/agent/store/requests-repository.js';
import { OutboxSender, backoffMs } from '../../src/agent/outbox/sender.js';
import { HubClient, parseRetryAfter } from '../../src/agent/sync/hub-client.js';
import { DeadLetterStore } from '../../src/agent/outbox/dead-letter-store.js';
import { DeadLetterSync } from '../../src/agent/outbox/dead-letter-sync.js';

let drafts = 0;
/** A fresh draft each call, as the renderer mints a new draft id per request. */
const newDraft = (): RequestDraft => ({ draftId: `draft-${String(++drafts).padStart(4, '0')}`, serviceCode: 'LIGHT', description: 'La farola de la calle Peña no funciona', attributes: {}, locale: 'es' });

let dir: string;
let db: AgentDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-store-'));
  db = openAgentDatabase(join(dir, 'agent.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the kiosk store', () => {
  it('files a request and its outbox row together, with a valid kiosk reference', () => {
    const repo = new RequestsRepository(db, 'K7QM');
    const first = repo.file(newDraft());
    const second = repo.file(newDraft());
    expect([first.sequence, second.sequence]).toEqual([1, 2]);
    const parsed = parseReference(first.reference);
    expect(parsed.ok && parsed.reference.issuer).toBe('K7QM');
    const rows = db.prepare('SELECT state, idempotency_key FROM outbox ORDER BY id').all() as Array<{ state: string; idempotency_key: string }>;
    expect(rows.map((r) => r.state)).toEqual(['pending', 'pending']);
    expect(rows[0]?.idempotency_key).toBe(first.idempotencyKey);
    expect(repo.figures().depth).toBe(2);
  });

  it('files a draft once: the same draft id again returns the first filing, with nothing new stored', () => {
    const repo = new RequestsRepository(db, 'K7QM');
    const draft = newDraft();
    const first = repo.file(draft);
    repo.recordReceipt(first.id, { state: 'printed', reason: null, warning: 'paper-near-end' });
    const again = repo.file(draft);
    expect(again).toEqual({ ...first, replayed: true, receipt: { state: 'printed', reason: null, warning: 'paper-near-end' } });
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(repo.claimNextDue()?.submission).not.toHaveProperty('draftId');
  });

  it('never reuses a sequence number, even after the database is reopened', () => {
    new RequestsRepository(db, 'K7QM').file(newDraft());
    db.close();
    db = openAgentDatabase(join(dir, 'agent.sqlite'));
    const again = new RequestsRepository(db, 'K7QM').file(newDraft());
    expect(again.sequence).toBe(2);
  });

  it('rolls back both rows if the filing transaction fails', () => {
    const repo = new RequestsRepository(db, 'K7QM');
    db.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => repo.file(newDraft())).toThrow(/disk full/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 0 });
  });

  it('drops the personal data once the hub has acknowledged the request', () => {
    const repo = new RequestsRepository(db, 'K7QM');
    const stored = repo.file(newDraft());
    const item = repo.claimNextDue();
    expect(item?.submission.description).toBe("La farola de la calle Peña no funciona");
    repo.markAcked(item!, '1001');
    expect(db.prepare('SELECT payload, server_id FROM requests WHERE id = ?').get(stored.id)).toEqual({ payload: null, server_id: '1001' });
    expect(repo.isAcked(stored.id)).toBe(true);
  });
});

describe('full-jitter backoff', () => {
  it('stays within [0, min(cap, base * 2^attempt))', () => {
    const options = { baseMs: 2000, capMs: 300_000 };
    expect(backoffMs(0, { ...options, random: () => 0.999 })).toBeLessThan(2000);
    expect(backoffMs(3, { ...options, random: () => 0.5 })).toBe(8000);
    expect(backoffMs(40, { ...options, random: () => 0.999 })).toBeLessThan(300_000);
    expect(backoffMs(5, { ...options, random: () => 0 })).toBe(0);
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('the outbox sender against a real HTTP hub', () => {
  let server: Server;
  let hubUrl: string;
  let answer: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  const seen: Array<{ key: string | undefined; body: string }> = [];

  beforeEach(async () => {
    seen.length = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ key: req.headers['idempotency-key'] as string | undefined, body });
        answer(req, body, res);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  function senderFor(repo: RequestsRepository, url = hubUrl) {
    const hub = new HubClient({ baseUrl: url, token: 'dev.secret', timeoutMs: 2000 });
    return new OutboxSender(repo, (item) => hub.submitCase(item.submission, item.idempotencyKey), { baseMs: 60_000, capMs: 60_000, random: () => 0.5 });
  }

  it('sends oldest first with the key fixed at filing, and marks rows acked', async () => {
    let n = 0;
    answer = (_req, body, res) => {
      n += 1;
      const sub = JSON.parse(body) as { localReference: string };
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ serviceRequestId: String(1000 + n), localReference: sub.localReference, status: 'open', receivedAt: new Date().toISOString() }));
    };
    const repo = new RequestsRepository(db, 'K7QM');
    const a = repo.file(newDraft());
    const b = repo.file(newDraft());
    const sender = senderFor(repo);
    const done = new Promise<void>((resolve) => sender.on('acked', (id) => id === b.id && resolve()));
    sender.start();
    await done;
    sender.stop();
    expect(seen.map((s) => s.key)).toEqual([a.idempotencyKey, b.idempotencyKey]);
    expect(repo.figures()).toMatchObject({ depth: 0, dead: 0 });
    expect(JSON.parse(seen[0]!.body)).toMatchObject({ localReference: a.reference, sequence: 1, serviceCode: 'LIGHT' });
  });

  it('keeps a request the hub could not take (503 + Retry-After) and schedules it per Retry-After', async () => {
    answer = (_req, _body, res) => res.writeHead(503, { 'retry-after': '120', 'content-type': 'application/json' }).end('{"error":{"code":"internal","message":"busy"}}');
    const repo = new RequestsRepository(db, 'K7QM');
    repo.file(newDraft());
    const sender = senderFor(repo);
    const offline = once(sender, 'connectivity');
    sender.start();
    expect(await offline).toEqual([false]);
    sender.stop();
    const row = db.prepare('SELECT state, attempts, next_attempt_at, last_error FROM outbox').get() as { state: string; attempts: number; next_attempt_at: number; last_error: string };
    expect(row.state).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.next_attempt_at - Date.now()).toBeGreaterThan(100_000);
    expect(row.last_error).toMatch(/503/);
  });

  it('dead-letters a request the hub refuses (422) and never deletes it', async () => {
    answer = (_req, _body, res) => res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":{"code":"idempotency-key-reused","message":"different payload"}}');
    const repo = new RequestsRepository(db, 'K7QM');
    repo.file(newDraft());
    const sender = senderFor(repo);
    const online = once(sender, 'connectivity');
    sender.start();
    await online;
    sender.stop();
    expect(db.prepare('SELECT state, last_error FROM outbox').get()).toEqual({ state: 'dead', last_error: 'hub refused (422): different payload' });
    expect(db.prepare('SELECT payload IS NOT NULL AS kept FROM requests').get()).toEqual({ kept: 1 });
    expect(repo.figures()).toMatchObject({ depth: 0, dead: 1 });
  });

  it('retries when the hub is unreachable, and resends in-flight rows after a crash with the same key', async () => {
    const repo = new RequestsRepository(db, 'K7QM');
    const stored = repo.file(newDraft());
    // Simulate a crash mid-send: the row was claimed (inflight) and the process died.
    expect(repo.claimNextDue()?.idempotencyKey).toBe(stored.idempotencyKey);
    const closedPort = senderFor(repo, 'http://127.0.0.1:9');
    const offline = once(closedPort, 'connectivity');
    closedPort.start();
    expect(await offline).toEqual([false]);
    closedPort.stop();
    expect(db.prepare('SELECT state, attempts FROM outbox').get()).toEqual({ state: 'pending', attempts: 1 });
    expect((db.prepare('SELECT last_error FROM outbox').get() as { last_error: string }).last_error).toMatch(/hub unreachable/);
  });

  it('after a crash mid-send, sends the in-flight row again with the same Idempotency-Key', async () => {
    answer = (_req, body, res) => {
      const sub = JSON.parse(body) as { localReference: string };
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ serviceRequestId: '77', localReference: sub.localReference, status: 'open', receivedAt: new Date().toISOString() }));
    };
    const repo = new RequestsRepository(db, 'K7QM');
    const stored = repo.file(newDraft());
    repo.claimNextDue(); // the previous process claimed it, sent it, and died before the answer
    const sender = senderFor(repo);
    const acked = once(sender, 'acked');
    sender.start();
    expect(await acked).toEqual([stored.id]);
    sender.stop();
    expect(seen.map((s) => s.key)).toEqual([stored.idempotencyKey]);
  });
});

describe('batching, the queue-wide pause and dead letters', () => {
  let server: Server;
  let hubUrl: string;
  let handle: (path: string, body: string, res: ServerResponse) => void;
  const paths: string[] = [];

  beforeEach(async () => {
    paths.length = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        paths.push(`${req.method} ${req.url}`);
        handle(req.url ?? '', body, res);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const accepted = (ref: string, id: string) => ({ serviceRequestId: id, localReference: ref, status: 'open', receivedAt: '2025-03-01T10:00:00Z' });

  function manualSender(repo: RequestsRepository, batchSize = 50) {
    const hub = new HubClient({ baseUrl: hubUrl, token: 'dev.secret', timeoutMs: 2000 });
    const calls = hub.outboxCalls();
    return new OutboxSender(repo, (item) => hub.submitCase(item.submission, item.idempotencyKey), {
      baseMs: 60_000,
      capMs: 60_000,
      random: () => 0.5,
      batchSize,
      submitBatch: (items) => calls.submitBatch(items),
      scheduling: 'manual',
    });
  }

  it('sends a backlog in one batch, oldest first, and applies each item\'s own answer', async () => {
    let order: string[] = [];
    handle = (path, body, res) => {
      expect(path).toBe('/fleet/v1/requests/batch');
      const items = (JSON.parse(body) as { items: Array<{ idempotencyKey: string; submission: { localReference: string } }> }).items;
      order = items.map((i) => i.submission.localReference);
      const results = items.map((item, i) =>
        i === 1
          ? { idempotencyKey: item.idempotencyKey, statusCode: 422, replayed: false, body: { error: { code: 'idempotency-key-reused', message: 'different payload' } } }
          : i === 2
            ? { idempotencyKey: item.idempotencyKey, statusCode: 503, replayed: false, body: { error: { code: 'internal', message: 'busy' } } }
            : { idempotencyKey: item.idempotencyKey, statusCode: 201, replayed: false, body: accepted(item.submission.localReference, `c${i}`) },
      );
      json(res, 200, { results });
    };
    const repo = new RequestsRepository(db, 'K7QM');
    const filed = [repo.file(newDraft()), repo.file(newDraft()), repo.file(newDraft()), repo.file(newDraft())];
    await manualSender(repo).runOnce();
    expect(paths).toEqual(['POST /fleet/v1/requests/batch']);
    expect(order).toEqual(filed.map((f) => f.reference));
    const states = db.prepare('SELECT state, attempts FROM outbox ORDER BY id').all();
    expect(states).toEqual([
      { state: 'acked', attempts: 0 },
      { state: 'dead', attempts: 1 },
      { state: 'pending', attempts: 1 },
      { state: 'acked', attempts: 0 },
    ]);
  });

  it('falls back to one POST per request when the hub has no batch route (404)', async () => {
    handle = (path, body, res) => {
      if (path.endsWith('/batch')) return json(res, 404, { error: { code: 'not-found', message: 'no route' } });
      const sub = JSON.parse(body) as { localReference: string };
      json(res, 201, accepted(sub.localReference, sub.localReference));
    };
    const repo = new RequestsRepository(db, 'K7QM');
    repo.file(newDraft());
    repo.file(newDraft());
    const sender = manualSender(repo);
    await sender.runOnce();
    expect(paths).toEqual(['POST /fleet/v1/requests/batch', 'POST /fleet/v1/requests', 'POST /fleet/v1/requests']);
    expect(repo.figures().depth).toBe(0);
  });

  it('pauses the whole queue after a failure instead of trying every row against a dead hub', async () => {
    handle = (_path, _body, res) => json(res, 503, { error: { code: 'internal', message: 'down' } });
    const repo = new RequestsRepository(db, 'K7QM');
    for (let i = 0; i < 3; i += 1) repo.file(newDraft());
    const sender = manualSender(repo, 1);
    await sender.runOnce();
    await sender.runOnce();
    expect(paths).toHaveLength(1);
    expect(db.prepare('SELECT attempts FROM outbox ORDER BY id').all()).toEqual([{ attempts: 1 }, { attempts: 0 }, { attempts: 0 }]);
    // backoff(0) = 0.5 * min(cap, base) = 30 s; rows 2 and 3 are due but wait for the pause.
    expect(sender.msUntilNextTry()).toBeGreaterThan(29_000);
    expect(sender.msUntilNextTry()).toBeLessThanOrEqual(30_000);
  });

  it('reports a dead letter once, applies a console fix under a new key exactly once, and keeps the old error', async () => {
    const confirmations: string[] = [];
    let fixes: unknown[] = [];
    handle = (path, body, res) => {
      if (path === '/fleet/v1/dead-letters') return json(res, 200, { id: 'dl_1', state: 'open' });
      if (path === '/fleet/v1/dead-letters/fixes') return json(res, 200, { fixes });
      if (path === '/fleet/v1/dead-letters/dl_1/applied') {
        confirmations.push((JSON.parse(body) as { idempotencyKey: string }).idempotencyKey);
        return json(res, 200, { id: 'dl_1', state: 'resent' });
      }
      json(res, 422, { error: { code: 'unknown-service', message: 'no such service' } });
    };
    const repo = new RequestsRepository(db, 'K7QM');
    const stored = repo.file(newDraft());
    const sender = manualSender(repo);
    await sender.runOnce();
    const store = new DeadLetterStore(repo);
    const hub = new HubClient({ baseUrl: hubUrl, token: 'dev.secret', timeoutMs: 2000 });
    const sync = new DeadLetterSync(store, hub.outboxCalls(), 60_000);
    await sync.syncOnce();
    await sync.syncOnce();
    expect(paths.filter((p) => p === 'POST /fleet/v1/dead-letters')).toHaveLength(1);
    expect(store.unreported(10)).toEqual([]);

    const item = { localReference: stored.reference, sequence: stored.sequence, submittedAt: '2025-03-01T10:00:00Z', serviceCode: 'LAMP', description: 'Farola apagada', attributes: {}, locale: 'es' as const };
    fixes = [{ id: 'dl_1', outboxId: 1, fixId: 'fix_1', submission: item }];
    const fixed = once(sync, 'fixed');
    await sync.syncOnce();
    await fixed;
    await sync.syncOnce(); // the hub still lists the fix (say the confirmation was lost): applied once
    const row = db.prepare('SELECT state, attempts, idempotency_key AS key FROM outbox').get() as { state: string; attempts: number; key: string };
    expect(row).toMatchObject({ state: 'pending', attempts: 0 });
    expect(row.key).not.toBe(stored.idempotencyKey);
    expect(confirmations).toEqual([row.key, row.key]);
    expect(repo.claimNextDue()?.submission).toMatchObject({ serviceCode: 'LAMP', localReference: stored.reference });
    expect(store.history(1)).toEqual([
      expect.objectContaining({ event: 'dead', idempotencyKey: stored.idempotencyKey, status: 422 }),
      expect.objectContaining({ event: 'fixed', idempotencyKey: stored.idempotencyKey, error: 'hub refused (422): no such service' }),
    ]);
    // A fix may not move the request to another reference.
    expect(store.applyFix({ id: 'dl_1', outboxId: 1, fixId: 'fix_2', submission: { ...item, sequence: 99 } })).toMatchObject({ kind: 'refused' });
  });
});
