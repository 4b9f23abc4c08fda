import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/demo.js';
import { DEMO_TENANT } from '../src/seed/demo-catalog.js';
import { DEMO_ATTRIBUTES } from '../src/seed/demo-attributes.js';
import type { AttributeTables } from '../src/modules/catalog/attribute-tables.js';
import { createTestHub, DIALECTS, type TestHub } from './helpers/hub.js';

// The demo municipality is seeded once, when it is created. A restart must not bring back what
// staff removed on purpose: a question taken out of a service, a service's translation cleared.

describe.each(DIALECTS)('demo seed (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const attribute = DEMO_ATTRIBUTES[0]!;
  const keys = { tenant: DEMO_TENANT.id, service: attribute.service, code: attribute.code };

  async function attributeCount(): Promise<number> {
    const rows = await hub.db
      .withTables<AttributeTables>()
      .selectFrom('service_attributes')
      .select('code')
      .where('tenant_id', '=', keys.tenant)
      .where('service_code', '=', keys.service)
      .where('code', '=', keys.code)
      .execute();
    return rows.length;
  }

  it('keeps a removed demo question and a cleared translation removed when the hub starts again', async () => {
    expect(await attributeCount()).toBe(1);
    // What the console's service editor does when staff take the question out (children first).
    const t = hub.db.withTables<AttributeTables>();
    for (const table of ['service_attribute_value_names', 'service_attribute_values', 'service_attribute_texts'] as const) {
      await t.deleteFrom(table).where('tenant_id', '=', keys.tenant).where('service_code', '=', keys.service).where('attribute_code', '=', keys.code).execute();
    }
    await t.deleteFrom('service_attributes').where('tenant_id', '=', keys.tenant).where('service_code', '=', keys.service).where('code', '=', keys.code).execute();
    await hub.db.deleteFrom('service_translations').where('tenant_id', '=', keys.tenant).where('service_code', '=', keys.service).where('locale', '=', 'gl').execute();

    expect(await seedDemo(hub.db)).toEqual({ tenantId: DEMO_TENANT.id, created: false });

    expect(await attributeCount()).toBe(0);
    const galician = await hub.db.selectFrom('service_translations').select('locale').where('tenant_id', '=', keys.tenant).where('service_code', '=', keys.service).where('locale', '=', 'gl').execute();
    expect(galician).toEqual([]);
  });
});
