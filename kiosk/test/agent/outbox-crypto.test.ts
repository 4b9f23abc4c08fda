import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestDraft } from '@kiosk/shared';
import { openAgentDatabase, type AgentDatabase } from '../../src/agent/store/database.js';
import { RequestsRepository, openOutboxCipher } from '../../src/agent/store/requests-repository.js';
import { OutboxKeyError, PayloadCipher, loadOutboxKey } from '../../src/agent/store/payload-crypto.js';

/** Words that must never reach the disk in clear while the request waits for the hub. */
const SECRET_DESCRIPTION = 'Zacarias Quintanilla vive en el tercero izquierda';
const SECRET_PHONE = '600123987';

let drafts = 0;
const draft = (): RequestDraft => ({
  draftId: `crypto-draft-${String(++drafts).padStart(4, '0')}`,
  serviceCode: 'LIGHT',
  description: `${SECRET_DESCRIPTION} (${drafts})`,
  attributes: { telefono: `+34 ${SECRET_PHONE}` },
  locale: 'es',
});

let dir: string;
let dbFile: string;
let keyFile: string;
let db: AgentDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-crypto-'));
  dbFile = join(dir, 'kiosk', 'agent.sqlite');
  keyFile = join(dir, 'keys', 'outbox.key');
  db = openAgentDatabase(dbFile);
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The database file and its WAL, as bytes on disk: what a copied or discarded disk would give away. */
function diskBytes(): string {
  return [dbFile, `${dbFile}-wal`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('');
}

const repositoryWithKey = () => new RequestsRepository(db, 'K7QM', undefined, openOutboxCipher(db, keyFile));

describe('pending personal data at rest', () => {
  it('creates the key outside the database file (mode 0600) and stores only ciphertext, in the file and in the WAL', () => {
    const repo = repositoryWithKey();
    for (let i = 0; i < 5; i += 1) repo.file(draft());
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    const payloads = db.prepare('SELECT payload FROM requests').all() as Array<{ payload: string }>;
    expect(payloads.every((p) => p.payload.startsWith('v1:'))).toBe(true);
    expect(existsSync(`${dbFile}-wal`)).toBe(true);
    const bytes = diskBytes();
    expect(bytes).toContain('LIGHT'); // the scan does see the rows' clear columns...
    expect(bytes).not.toContain('Quintanilla'); // ...but never what the citizen wrote
    expect(bytes).not.toContain(SECRET_PHONE);
    expect(bytes).not.toContain(key);
    // And the sender still gets the real submission.
    expect(repo.claimNextDue()?.submission).toMatchObject({ description: `${SECRET_DESCRIPTION} (${drafts - 4})`, attributes: { telefono: `+34 ${SECRET_PHONE}` } });
  });

  it('seals plaintext rows an older agent left, and leaves no trace of them in the file or the WAL', () => {
    // What an agent before encryption wrote: the payload in clear.
    const submission = { serviceCode: 'LIGHT', description: SECRET_DESCRIPTION, attributes: {}, locale: 'es', localReference: 'K7QM-0001-X', sequence: 1, submittedAt: '2025-03-01T10:00:00Z' };
    db.prepare("INSERT INTO requests (reference, sequence, service_code, locale, created_at, payload) VALUES ('K7QM-0001-X', 1, 'LIGHT', 'es', '2025-03-01T10:00:00Z', ?)").run(JSON.stringify(submission));
    db.prepare("INSERT INTO outbox (request_id, idempotency_key, payload_hash, state, next_attempt_at) VALUES (1, 'old-key-0001', 'h', 'pending', 0)").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(diskBytes()).toContain('Quintanilla');

    const repo = repositoryWithKey();
    expect(diskBytes()).not.toContain('Quintanilla');
    expect(repo.claimNextDue()).toMatchObject({ idempotencyKey: 'old-key-0001', submission });
    db.close();
    db = openAgentDatabase(dbFile);
    expect(diskBytes()).not.toContain('Quintanilla');
  });

  it('refuses to start without the key once rows are encrypted, and keeps every row', () => {
    repositoryWithKey().file(draft());
    rmSync(keyFile);
    expect(() => repositoryWithKey()).toThrow(OutboxKeyError);
    expect(() => repositoryWithKey()).toThrow(/outbox\.key is missing.*restore/);
    expect(existsSync(keyFile)).toBe(false); // no new key was made behind the operator's back
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('refuses another key, naming both, and keeps every row', () => {
    repositoryWithKey().file(draft());
    writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    expect(() => repositoryWithKey()).toThrow(/holds key [0-9a-f]{8}, but this store was encrypted with key [0-9a-f]{8}/);
    expect(db.prepare("SELECT COUNT(*) AS n FROM requests WHERE payload LIKE 'v1:%'").get()).toEqual({ n: 1 });
  });

  it('a ciphertext altered or moved onto another row fails to open; the rows stay pending', () => {
    const repo = repositoryWithKey();
    repo.file(draft());
    repo.file(draft());
    const [first] = db.prepare('SELECT payload FROM requests ORDER BY id').all() as Array<{ payload: string }>;
    db.prepare('UPDATE requests SET payload = ? WHERE id = 2').run(first?.payload);
    db.prepare("UPDATE outbox SET state = 'acked' WHERE id = 1").run();
    expect(() => repo.claimNextDue()).toThrow(/failed its integrity check/);
    expect(db.prepare('SELECT state FROM outbox WHERE id = 2').get()).toEqual({ state: 'pending' });
  });

  it('the cipher: a fresh IV per value, a versioned format, and a key file must hold 32 bytes', () => {
    const cipher = new PayloadCipher(randomBytes(32));
    const a = cipher.encrypt('hola', 'request X');
    const b = cipher.encrypt('hola', 'request X');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(cipher.decrypt(a, 'request X')).toBe('hola');
    expect(() => cipher.decrypt(a, 'request Y')).toThrow(OutboxKeyError);
    expect(() => cipher.decrypt('v2:whatever', 'request X')).toThrow(/unknown format/);
    writeFileSync(join(dir, 'short.key'), 'c2hvcnQ=\n');
    expect(() => loadOutboxKey(join(dir, 'short.key'), false)).toThrow(/32-byte/);
  });
});
