/** Tables of migrations 0013 and 0017 (hour), used through `db.withTables<IntakeTables>()`. */
export type IntakeTables = {
  analytics_counts: {
    tenant_id: string;
    device_id: string;
    day: string;
    /** UTC hour 0-23 the kiosk counted in; UNKNOWN_HOUR for day-only counts (older agents). */
    hour: number;
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

/** `analytics_counts.hour` of a count sent without an hour (an agent from before per-hour counts). */
export const UNKNOWN_HOUR = -1;
