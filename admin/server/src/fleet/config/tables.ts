/** Tables of migration 0009 (fleet_rollouts extended by 0018), used through `db.withTables<DeviceConfigTables>()`. */
export type DeviceConfigTables = {
  device_config_versions: {
    device_id: string;
    version: number;
    tenant_id: string;
    /** The KioskConfig as JSON. */
    body: string;
    created_at: string;
    created_by: string;
  };
  device_offline_alerts: {
    device_id: string;
    tenant_id: string;
    state: 'raised' | 'cleared';
    raised_at: string;
    cleared_at: string | null;
  };
  fleet_rollouts: {
    id: string;
    tenant_id: string;
    /** Migration 0018: 'config' for every older row. */
    kind: 'config' | 'content';
    state: 'running' | 'completed' | 'aborted';
    plan: string;
    current_ring: number;
    ring_started_at: string;
    abort_reason: string | null;
    created_by: string;
    created_at: string;
    updated_at: string;
    /** Migration 0018, content rollouts only: the version served to kiosks not reached. */
    held_bundle_version: number | null;
    /** Migration 0018, content rollouts only: the published-content revision rolled out (at start; at completion, the one then current). */
    content_revision: number | null;
  };
  fleet_rollout_devices: {
    rollout_id: string;
    device_id: string;
    ring: number;
    state: 'waiting' | 'applied' | 'restored' | 'refused';
    previous_version: number | null;
    target_version: number | null;
  };
};
