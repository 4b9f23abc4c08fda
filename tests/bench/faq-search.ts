import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIOSK_LOCALES } from '@kiosk/shared';
import { openDatabase } from '../../admin/server/src/db/database.js';
import { migrateToLatest } from '../../admin/server/src/db/migrate.js';
import { seedDemo } from '../../admin/server/src/seed/demo.js';
import { DEMO_CONTENT } from '../../admin/server/src/modules/content/demo-content.js';
import { bumpRevision } from '../../admin/server/src/modules/content/repository.js';
import { searchContent } from '../../admin/server/src/modules/content/search.js';
import type { ContentTables } from '../../admin/server/src/modules/content/tables.js';
import { percentile, type Benchmark } from './figures.js';

const ENTRIES = 2000;
/** Queries citizens type: exact, without accents, with a typo, a prefix, two words, in several scripts. */
const QUERIES: ReadonlyArray<[string, (typeof KIOSK_LOCALES)[number]]> = [
  ['empadronamiento', 'es'],
  ['empadronamieto', 'es'],
  ['certificado', 'es'],
  ['ibi recibo', 'es'],
  ['farola', 'es'],
  ['empadronament', 'ca'],
  ['erroldatze', 'eu'],
  ['empadroamento', 'gl'],
  ['residence certificate', 'en'],
  ['certificat', 'fr'],
  ['شهادة', 'ar'],
];

/**
 * FAQ search over 2,000 published entries in 7 languages (the demo's entries repeated with
 * numbered titles), p50/p95 per query once the in-memory index is built; the build itself (the
 * first search after a publish) is reported apart. On SQLite: the index lives in the hub process,
 * so the database only matters for the build.
 */
export const faqSearch: Benchmark = async ({ quick }) => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-faq-'));
  const opened = openDatabase({ kind: 'sqlite', file: join(dir, 'hub.sqlite'), busyTimeoutMs: 5000 });
  try {
    await migrateToLatest(opened.db);
    const { tenantId } = await seedDemo(opened.db);
    const at = new Date().toISOString();
    // The same texts in memory, for the naive baseline: a lower-case substring scan (no accents
    // folded, no typos forgiven) over every entry of the query's language.
    const naiveTexts = new Map<string, string[]>();
    await opened.db.transaction().execute(async (trx) => {
      const t = trx.withTables<ContentTables>();
      for (let i = 0; i < ENTRIES; i += 1) {
        const item = DEMO_CONTENT[i % DEMO_CONTENT.length]!;
        const texts = Object.fromEntries(
          Object.entries(item.texts).map(([locale, text]) => [locale, 'title' in text ? { ...text, title: `${text.title} ${i}` } : { ...text, question: `${text.question} (${i})` }]),
        );
        for (const [locale, text] of Object.entries(texts)) {
          const list = naiveTexts.get(locale) ?? [];
          list.push(JSON.stringify(text).toLowerCase());
          naiveTexts.set(locale, list);
        }
        const id = `bench-${i}`;
        await t.insertInto('content_entries').values({ tenant_id: tenantId, id, kind: item.kind, service_code: item.serviceCode, latest_version: 1, published_version: 1, published_at: at, published_by: 'bench', created_at: at, updated_at: at }).execute();
        await t.insertInto('content_versions').values({ tenant_id: tenantId, entry_id: id, version: 1, texts: JSON.stringify(texts), created_at: at, created_by: 'bench' }).execute();
      }
      await bumpRevision(trx, tenantId);
    });
    const buildStarted = performance.now();
    for (const locale of KIOSK_LOCALES) await searchContent(opened.db, tenantId, 'certificado', locale);
    const buildMs = performance.now() - buildStarted;
    const rounds = quick ? 20 : 200;
    const latencies: number[] = [];
    const naive: number[] = [];
    let empty = 0;
    for (let r = 0; r < rounds; r += 1) {
      for (const [q, locale] of QUERIES) {
        const t0 = performance.now();
        const hits = await searchContent(opened.db, tenantId, q, locale);
        latencies.push(performance.now() - t0);
        if (hits.length === 0) empty += 1;
        const n0 = performance.now();
        const needle = q.toLowerCase();
        (naiveTexts.get(locale) ?? []).filter((text) => text.includes(needle)).slice(0, 10);
        naive.push(performance.now() - n0);
      }
    }
    const benchmark = `FAQ search (${ENTRIES} entries x ${KIOSK_LOCALES.length} languages, SQLite)`;
    return [
      { benchmark, name: 'query latency p50', value: percentile(latencies, 50), unit: 'ms', baseline: { name: 'naive substring scan p50', value: percentile(naive, 50), unit: 'ms' }, note: `${latencies.length} queries, ${empty} without a hit` },
      { benchmark, name: 'query latency p95', value: percentile(latencies, 95), unit: 'ms', baseline: { name: 'naive substring scan p95', value: percentile(naive, 95), unit: 'ms' } },
      { benchmark, name: 'index build, 7 languages (first search after a publish)', value: buildMs, unit: 'ms' },
    ];
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
