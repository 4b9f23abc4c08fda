import type { Kysely } from 'kysely';

/**
 * Appointments and turns (issue 3): offices, their desks, services, opening hours and holidays;
 * appointments with one slot claim each; turns. Schema builder and portable types only.
 * No double booking rests on `appt_slot_claims`' primary key: a slot of capacity N has seats
 * 1..N, and two bookings can never hold the same seat, whatever the database's isolation level.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('appt_offices')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appt_offices_pk', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('appt_desks')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('appt_desks_pk', ['tenant_id', 'office_code', 'code'])
    .addForeignKeyConstraint('appt_desks_office_fk', ['tenant_id', 'office_code'], 'appt_offices', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('appt_services')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    /** JSON object locale -> name. */
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('turn_letter', 'text', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('appt_services_pk', ['tenant_id', 'office_code', 'code'])
    // The letter tells turns apart on the office's screen (A-023 vs B-023).
    .addUniqueConstraint('appt_services_letter_uq', ['tenant_id', 'office_code', 'turn_letter'])
    .addForeignKeyConstraint('appt_services_office_fk', ['tenant_id', 'office_code'], 'appt_offices', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('appt_opening_hours')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    /** ISO weekday, 1 = Monday ... 7 = Sunday. */
    .addColumn('weekday', 'integer', (c) => c.notNull())
    /** Wall-clock `HH:MM` in the office's time zone. */
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appt_opening_hours_pk', ['tenant_id', 'office_code', 'weekday', 'opens_at'])
    .addForeignKeyConstraint('appt_opening_hours_office_fk', ['tenant_id', 'office_code'], 'appt_offices', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('appt_holidays')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    /** `YYYY-MM-DD` in the office's time zone. */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appt_holidays_pk', ['tenant_id', 'office_code', 'day'])
    .addForeignKeyConstraint('appt_holidays_office_fk', ['tenant_id', 'office_code'], 'appt_offices', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('local_day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** Personal data: never logged; the ID number is only ever shown masked. */
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('id_kind', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('turn_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appointments_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('appointments_reference_uq', ['tenant_id', 'reference'])
    .addForeignKeyConstraint('appointments_service_fk', ['tenant_id', 'office_code', 'service_code'], 'appt_services', ['tenant_id', 'office_code', 'code'])
    .execute();
  await db.schema.createIndex('appointments_day_ix').on('appointments').columns(['tenant_id', 'office_code', 'local_day']).execute();
  await db.schema.createIndex('appointments_document_ix').on('appointments').columns(['tenant_id', 'id_number', 'local_day']).execute();

  await db.schema
    .createTable('appt_slot_claims')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('seat', 'integer', (c) => c.notNull())
    .addColumn('appointment_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appt_slot_claims_pk', ['tenant_id', 'office_code', 'service_code', 'starts_at', 'seat'])
    .addUniqueConstraint('appt_slot_claims_appointment_uq', ['tenant_id', 'appointment_id'])
    .addForeignKeyConstraint('appt_slot_claims_appointment_fk', ['tenant_id', 'appointment_id'], 'appointments', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('appt_turns')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('local_day', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('appointment_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('desk_code', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('called_at', 'text')
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('appt_turns_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('appt_turns_number_uq', ['tenant_id', 'office_code', 'local_day', 'service_code', 'number'])
    .addForeignKeyConstraint('appt_turns_service_fk', ['tenant_id', 'office_code', 'service_code'], 'appt_services', ['tenant_id', 'office_code', 'code'])
    .execute();
  await db.schema.createIndex('appt_turns_queue_ix').on('appt_turns').columns(['tenant_id', 'office_code', 'local_day', 'status']).execute();
}
