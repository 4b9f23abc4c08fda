import type { Benchmark, Figure } from './figures.js';
import { loadTest } from './load.js';
import { postgresAvailable, startBenchHub } from './hub-fixtures.js';

const CONCURRENCY = 16;

/**
 * Open311 POST requests (form-encoded, API key, a real case written) against an unrouted GET on
 * the same hub in the same run (HTTP + Fastify only: the floor any route pays), on SQLite and on
 * PostgreSQL.
 */
export const open311Post: Benchmark = async ({ quick }) => {
  const total = quick ? 300 : 3000;
  const figures: Figure[] = [];
  const stores: Array<'sqlite' | 'postgres'> = ['sqlite'];
  if (await postgresAvailable()) stores.push('postgres');
  else console.log('open311-post: PostgreSQL is not answering at 127.0.0.1:5432, measuring SQLite only');
  for (const store of stores) {
    const bench = await startBenchHub(store);
    try {
      const base = bench.hub.url;
      const noop = await loadTest(() => fetch(`${base}/__bench/noop`), total, CONCURRENCY, 404);
      const post = await loadTest(
        (i) =>
          fetch(`${base}/open311/v2/requests.json`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
            body: new URLSearchParams({ api_key: bench.apiKey, service_code: 'ibi-question', description: `Consulta de prueba número ${i} sobre el recibo del IBI` }).toString(),
          }),
        total,
        CONCURRENCY,
        201,
      );
      if (post.failures > 0 && post.failures === total) throw new Error(`open311-post (${store}): every POST failed`);
      const benchmark = `Open311 POST requests (${store}, ${CONCURRENCY} in flight)`;
      figures.push(
        { benchmark, name: 'throughput', value: post.requestsPerSecond, unit: 'req/s', baseline: { name: 'unrouted GET', value: noop.requestsPerSecond, unit: 'req/s' }, note: `${total} requests, ${post.failures} not 201` },
        { benchmark, name: 'latency p99', value: post.p99Ms, unit: 'ms', baseline: { name: 'unrouted GET p99', value: noop.p99Ms, unit: 'ms' } },
      );
    } finally {
      await bench.close();
    }
  }
  return figures;
};
