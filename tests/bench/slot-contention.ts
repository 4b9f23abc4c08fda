import type { Benchmark, Figure } from './figures.js';
import { percentile } from './figures.js';
import { postgresAvailable, startBenchHub } from './hub-fixtures.js';

const OFFICE = 'oac-centro';
/** A capacity-1 service of the demo office: every slot has exactly one seat. */
const SERVICE = 'tributos';

interface Slot {
  readonly start: string;
}

function day(offset: number): string {
  const date = new Date(Date.now() + offset * 86_400_000);
  return date.toISOString().slice(0, 10);
}

async function freeSlots(base: string, days: number): Promise<Slot[]> {
  const response = await fetch(`${base}/public/v1/appointments/slots?office=${OFFICE}&service=${SERVICE}&from=${day(1)}&to=${day(1 + days)}`);
  if (!response.ok) throw new Error(`slot-contention: slots answered ${response.status}`);
  return ((await response.json()) as { slots: Slot[] }).slots;
}

/** One crowd racing for one seat: every client's latency, and how many got it. */
async function race(base: string, slot: Slot, crowd: number, round: number): Promise<{ latencies: number[]; booked: number; refused: number; other: number }> {
  const latencies: number[] = [];
  let booked = 0;
  let refused = 0;
  let other = 0;
  await Promise.all(
    Array.from({ length: crowd }, async (_, i) => {
      const started = performance.now();
      const response = await fetch(`${base}/public/v1/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Different people, so nothing but the seat itself can make them clash.
        body: JSON.stringify({ office: OFFICE, service: SERVICE, start: slot.start, name: 'Bench Citizen', idDocument: { kind: 'passport', number: `PB${round}X${String(i).padStart(5, '0')}` }, locale: 'es' }),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status === 201) booked += 1;
      else if (response.status === 409) refused += 1;
      else other += 1;
    }),
  );
  return { latencies, booked, refused, other };
}

/**
 * Appointment slot contention: crowds of citizens booking the same last seat at the same moment
 * (a popular office opening its calendar), over real HTTP, on SQLite and PostgreSQL. Every race
 * must give the seat to exactly one client (the benchmark fails otherwise); the figures are the
 * latency a losing or winning client waits, against a read of the free slots in the same run.
 */
export const slotContention: Benchmark = async ({ quick }) => {
  const crowd = quick ? 20 : 50;
  const rounds = quick ? 5 : 20;
  const figures: Figure[] = [];
  const stores: Array<'sqlite' | 'postgres'> = ['sqlite'];
  if (await postgresAvailable()) stores.push('postgres');
  for (const store of stores) {
    const bench = await startBenchHub(store);
    try {
      const base = bench.hub.url;
      const slots = (await freeSlots(base, 30)).slice(0, rounds);
      if (slots.length < rounds) throw new Error(`slot-contention: only ${slots.length} free slots for ${rounds} rounds`);
      const reads: number[] = [];
      for (let i = 0; i < rounds; i += 1) {
        const started = performance.now();
        await freeSlots(base, 7);
        reads.push(performance.now() - started);
      }
      const latencies: number[] = [];
      const started = performance.now();
      for (const [round, slot] of slots.entries()) {
        const result = await race(base, slot, crowd, round);
        if (result.booked !== 1 || result.other !== 0) throw new Error(`slot-contention (${store}): a race gave ${result.booked} seats and ${result.other} unexpected answers`);
        latencies.push(...result.latencies);
      }
      const seconds = (performance.now() - started) / 1000;
      const benchmark = `Appointment slot contention (${store}, ${crowd} clients per seat)`;
      figures.push(
        { benchmark, name: 'booking attempts answered', value: (rounds * crowd) / seconds, unit: 'req/s', note: `${rounds} races, each seat given exactly once` },
        { benchmark, name: 'booking latency p99', value: percentile(latencies, 99), unit: 'ms', baseline: { name: 'free-slot read p50, alone', value: percentile(reads, 50), unit: 'ms' } },
      );
    } finally {
      await bench.close();
    }
  }
  return figures;
};
