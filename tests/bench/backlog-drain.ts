import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoKioskFileSchema } from '../../admin/server/src/seed/first-run.js';
import { openAgentDatabase } from '../../kiosk/src/agent/store/database.js';
import { RequestsRepository, openOutboxCipher } from '../../kiosk/src/agent/store/requests-repository.js';
import { OutboxSender } from '../../kiosk/src/agent/outbox/sender.js';
import { HubClient } from '../../kiosk/src/agent/sync/hub-client.js';
import type { Benchmark, Figure } from './figures.js';
import { startBenchHub } from './hub-fixtures.js';

const BATCH_SIZE = 50;

interface Drain {
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly left: number;
}

/**
 * A kiosk store with `total` requests filed while the hub was down (all pending, encrypted, on a
 * real SQLite file), then a real hub (SQLite, loopback HTTP) comes back: the time until the
 * outbox is empty, every request acked by the hub. Each run gets its own fresh hub.
 */
async function drainBacklog(total: number, batchSize: number): Promise<Drain> {
  const bench = await startBenchHub('sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'bench-backlog-'));
  const db = openAgentDatabase(join(dir, 'kiosk.sqlite'));
  try {
    const kiosk = DemoKioskFileSchema.parse(JSON.parse(readFileSync(bench.hub.firstRun.demoKiosk.file, 'utf8')));
    const repository = new RequestsRepository(db, kiosk.issuer, undefined, openOutboxCipher(db, join(dir, 'keys', 'outbox.key')));
    // Setup, not measured: one outer transaction so filing 10,000 requests is not 10,000 fsyncs.
    repository.atomically(() => {
      for (let i = 0; i < total; i += 1) {
        repository.file({ draftId: `backlog-${String(i).padStart(6, '0')}`, serviceCode: 'litter', description: `Farola apagada número ${i} en la calle Mayor`, attributes: {}, locale: 'es' });
      }
    });
    const hub = new HubClient({ baseUrl: bench.hub.url, token: kiosk.token, timeoutMs: 30_000 });
    const calls = hub.outboxCalls();
    const sender = new OutboxSender(repository, (item) => hub.submitCase(item.submission, item.idempotencyKey), {
      baseMs: 50,
      capMs: 500,
      batchSize,
      submitBatch: (items) => calls.submitBatch(items),
      scheduling: 'manual',
    });
    const started = performance.now();
    sender.start();
    const deadline = started + 10 * 60_000;
    while (repository.figures().depth > 0 && performance.now() < deadline) {
      await sender.runOnce();
      const wait = sender.msUntilNextTry();
      if (wait !== null && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const seconds = (performance.now() - started) / 1000;
    const figures = repository.figures();
    if (figures.dead > 0) throw new Error(`backlog-drain: the hub refused ${figures.dead} requests`);
    return { seconds, requestsPerSecond: (total - figures.depth) / seconds, left: figures.depth };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    await bench.close();
  }
}

/** The one-POST-per-request baseline drains a sample this big at most (it runs at a few dozen per second). */
const BASELINE_SAMPLE = 1_000;

/**
 * Backlog drain with batching (POST /fleet/v1/requests/batch, 50 per call) against a backlog sent
 * one POST per request, measured in the same run (on a smaller sample in the full run: its rate
 * does not depend on the backlog's size, and 10,000 single POSTs would take minutes).
 */
export const backlogDrain: Benchmark = async ({ quick }) => {
  const total = quick ? 1_000 : 10_000;
  const sample = Math.min(total, BASELINE_SAMPLE);
  const single = await drainBacklog(sample, 1);
  const batched = await drainBacklog(total, BATCH_SIZE);
  const benchmark = `Outbox backlog drain after the hub comes back (SQLite hub, ${total} requests)`;
  const undrained = batched.left + single.left > 0 ? `; NOT drained within 10 min: ${batched.left} / ${single.left} left` : '';
  const figures: Figure[] = [
    {
      benchmark,
      name: `drain throughput, batches of ${BATCH_SIZE}`,
      value: batched.requestsPerSecond,
      unit: 'req/s',
      baseline: { name: `one POST per request (${sample} requests)`, value: single.requestsPerSecond, unit: 'req/s' },
      note: `${total} requests drained in ${batched.seconds.toFixed(1)} s${undrained}`,
    },
    {
      benchmark,
      name: `time to drain ${total}, batched`,
      value: batched.seconds,
      unit: 's',
      baseline: { name: 'one POST per request, at its measured rate', value: total / single.requestsPerSecond, unit: 's' },
    },
  ];
  return figures;
};
