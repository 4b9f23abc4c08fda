/** Tables of migration 0013, used through `db.withTables<IntakeTables>()`. */
export type IntakeTables = {
  analytics_counts: {
    tenant_id: string;
    device_id: string;
    day: string;
    type: string;
    journey: string;
    step: string;
    reason: string;
    locale: string;
    modes: string;
    detail: string;
    count: number;
  };
  analytics_batches: { device_id: string; batch_id: string; received_at: string };
  kiosk_staff_calls: {
    id: string;
    tenant_id: string;
    device_id: string;
    call_id: string;
    screen: string;
    called_at: string;
    received_at: string;
    acknowledged_at: string | null;
    acknowledged_by: string | null;
  };
  tenant_landmarks: {
    tenant_id: string;
    id: string;
    locale: string;
    position: number;
    name: string;
    address_string: string;
    lat: number | null;
    long: number | null;
  };
};
