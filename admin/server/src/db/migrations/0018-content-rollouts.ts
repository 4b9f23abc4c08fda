import { sql, type Kysely } from 'kysely';

/**
 * Content rollouts in rings (issue 7). fleet_rollouts gains:
 * - `kind`: 'config' (every rollout before this step) or 'content';
 * - `held_bundle_version`: the content bundle version served to kiosks the rollout has not reached
 *   (moves forward when the held content is re-issued as a new signed version);
 * - `content_revision`: the municipality's published-content revision the rollout rolls out.
 * A partial unique index lets one content rollout run per municipality at a time, even when two
 * staff start one in the same instant (the second insert fails; the hub answers 409). Every bundle
 * request looks up the municipality's newest content rollout: an index on (tenant, kind, created_at).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('fleet_rollouts').addColumn('kind', 'text', (c) => c.notNull().defaultTo('config')).execute();
  await db.schema.alterTable('fleet_rollouts').addColumn('held_bundle_version', 'integer').execute();
  await db.schema.alterTable('fleet_rollouts').addColumn('content_revision', 'integer').execute();
  await db.schema
    .createIndex('fleet_rollouts_one_running_content_ux')
    .on('fleet_rollouts')
    .column('tenant_id')
    .unique()
    .where(sql.ref('kind'), '=', 'content')
    .where(sql.ref('state'), '=', 'running')
    .execute();
  await db.schema.createIndex('fleet_rollouts_tenant_kind_ix').on('fleet_rollouts').columns(['tenant_id', 'kind', 'created_at']).execute();
}
