import type { Kysely } from 'kysely';

/**
 * Open311 made complete: service definitions (attributes, their value lists and texts per
 * language), the status history of each case (notes[]), tokens of batch services, and an index
 * for the updated_after/updated_before filters. Portable types only, like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_attributes')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('variable', 'integer', (c) => c.notNull())
    .addColumn('datatype', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_attributes_pk', ['tenant_id', 'service_code', 'code'])
    // Open311: `order` is a unique positive integer within a definition.
    .addUniqueConstraint('service_attributes_order_uq', ['tenant_id', 'service_code', 'position'])
    .addForeignKeyConstraint('service_attributes_service_fk', ['tenant_id', 'service_code'], 'services', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('service_attribute_texts')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('attribute_code', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('datatype_description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_attribute_texts_pk', ['tenant_id', 'service_code', 'attribute_code', 'locale'])
    .addForeignKeyConstraint(
      'service_attribute_texts_attribute_fk',
      ['tenant_id', 'service_code', 'attribute_code'],
      'service_attributes',
      ['tenant_id', 'service_code', 'code'],
    )
    .execute();

  await db.schema
    .createTable('service_attribute_values')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('attribute_code', 'text', (c) => c.notNull())
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_attribute_values_pk', ['tenant_id', 'service_code', 'attribute_code', 'value_key'])
    .addForeignKeyConstraint(
      'service_attribute_values_attribute_fk',
      ['tenant_id', 'service_code', 'attribute_code'],
      'service_attributes',
      ['tenant_id', 'service_code', 'code'],
    )
    .execute();

  await db.schema
    .createTable('service_attribute_value_names')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('attribute_code', 'text', (c) => c.notNull())
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_attribute_value_names_pk', ['tenant_id', 'service_code', 'attribute_code', 'value_key', 'locale'])
    .addForeignKeyConstraint(
      'service_attribute_value_names_value_fk',
      ['tenant_id', 'service_code', 'attribute_code', 'value_key'],
      'service_attribute_values',
      ['tenant_id', 'service_code', 'attribute_code', 'value_key'],
    )
    .execute();

  await db.schema
    .createTable('service_request_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detailed_status', 'text', (c) => c.notNull())
    /** What the citizen may read (status page, notes[]); internal notes live elsewhere. */
    .addColumn('public_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('service_request_history_request_fk', ['tenant_id', 'request_id'], 'service_requests', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('service_request_history_request_ix')
    .on('service_request_history')
    .columns(['tenant_id', 'request_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('open311_tokens')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('service_request_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createIndex('service_requests_updated_ix')
    .on('service_requests')
    .columns(['tenant_id', 'updated_at'])
    .execute();
}
