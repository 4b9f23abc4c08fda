import type { HubDb } from './database.js';

/**
 * Next value of a named per-tenant counter (case ids, daily turn numbers). The UPDATE takes the
 * counter's row lock, so concurrent callers on PostgreSQL queue until their transaction ends:
 * values never repeat, and a rolled-back transaction gives its value back. A counter that does
 * not exist yet is created at 0 first (safely, if two callers race to create it).
 */
export async function nextCounterValue(db: HubDb, tenantId: string, name: string): Promise<number> {
  const bump = () =>
    db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('name', '=', name)
      .returning('value')
      .executeTakeFirst();
  const bumped = await bump();
  if (bumped !== undefined) return bumped.value;
  await db
    .insertInto('counters')
    .values({ tenant_id: tenantId, name, value: 0 })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
    .execute();
  const retried = await bump();
  if (retried === undefined) throw new Error(`counter ${name} could not be created`);
  return retried.value;
}
