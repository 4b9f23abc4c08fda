/** Tables of migration 0007, used through `db.withTables<HeartbeatTables>()`. */
export type HeartbeatTables = {
  device_heartbeats_latest: {
    device_id: string;
    tenant_id: string;
    received_at: string;
    sent_at: string;
    skew_ms: number;
    /** The heartbeat as the kiosk sent it (JSON): health, outbox figures, versions; never personal. */
    body: string;
  };
  device_heartbeat_history: {
    id: string;
    device_id: string;
    tenant_id: string;
    received_at: string;
    body: string;
  };
};
