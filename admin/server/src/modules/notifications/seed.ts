import type { HubDb } from '../../db/database.js';
import { insertServiceSlaIfMissing } from './figures-repository.js';

/** Demo promises (days to close) for the demo municipality's services. */
export const DEMO_SERVICE_SLA_DAYS: Readonly<Record<string, number>> = {
  'street-lighting': 7,
  litter: 3,
  'pavement-damage': 30,
  'census-certificate': 2,
  'ibi-question': 15,
};

/** Idempotent: fills only missing rows, so it never undoes a value staff changed. */
export async function seedDemoServiceLevels(db: HubDb, tenantId: string, now = new Date()): Promise<void> {
  for (const [serviceCode, slaDays] of Object.entries(DEMO_SERVICE_SLA_DAYS)) {
    await insertServiceSlaIfMissing(db, { tenant_id: tenantId, service_code: serviceCode, sla_days: slaDays, updated_at: now.toISOString() });
  }
}
