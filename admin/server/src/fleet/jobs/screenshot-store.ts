import type { HubDb } from '../../db/database.js';

/** Table of migration 0019, used through `db.withTables<ScreenshotTables>()`. */
export type ScreenshotTables = {
  kiosk_screenshots: {
    /** One row per kiosk: a new screenshot replaces the last. */
    device_id: string;
    tenant_id: string;
    /** The screenshot job that took it. */
    job_id: string;
    taken_at: string;
    width: number;
    height: number;
    bytes: number;
    png_base64: string;
  };
  /** Only the columns the staff route needs for scoping. */
  devices: { id: string; tenant_id: string; site: string | null };
};

export type ScreenshotRow = ScreenshotTables['kiosk_screenshots'];

const tables = (db: HubDb) => db.withTables<ScreenshotTables>();

/** Stores a kiosk's screenshot in place of its previous one (the hub keeps only the latest). */
export async function saveLatestScreenshot(db: HubDb, row: ScreenshotRow): Promise<void> {
  const { device_id: _key, ...changes } = row;
  await tables(db)
    .insertInto('kiosk_screenshots')
    .values(row)
    .onConflict((conflict) => conflict.column('device_id').doUpdateSet(changes))
    .execute();
}

/**
 * A kiosk's latest screenshot as one staff member may see it: of their tenant, and of their site
 * when their account is scoped to one (undefined otherwise, so another tenant's kiosk is unknown).
 */
export async function findLatestScreenshot(db: HubDb, scope: { tenantId: string; site: string | null }, deviceId: string): Promise<ScreenshotRow | undefined> {
  let select = tables(db)
    .selectFrom('kiosk_screenshots')
    .innerJoin('devices', 'devices.id', 'kiosk_screenshots.device_id')
    .selectAll('kiosk_screenshots')
    .where('kiosk_screenshots.device_id', '=', deviceId)
    .where('kiosk_screenshots.tenant_id', '=', scope.tenantId)
    .where('devices.tenant_id', '=', scope.tenantId);
  const site = scope.site;
  if (site !== null) select = select.where('devices.site', '=', site);
  return select.executeTakeFirst();
}
