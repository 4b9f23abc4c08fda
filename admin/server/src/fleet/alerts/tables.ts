import type { Flag, IsoText } from '../../db/schema.js';

/** Tables of migration 0016, used through `db.withTables<AlertTables>()`. */
export type AlertRowState = 'pending' | 'open' | 'acknowledged' | 'resolved';

export type AlertTables = {
  fleet_alert_rules: {
    id: string;
    tenant_id: string;
    name: string;
    condition: string;
    minutes: number;
    threshold: number | null;
    site: string | null;
    enabled: Flag;
    created_by: string;
    created_at: IsoText;
    updated_at: IsoText;
  };
  fleet_alerts: {
    id: string;
    tenant_id: string;
    rule_id: string;
    rule_name: string;
    condition: string;
    device_id: string;
    state: AlertRowState;
    active_key: string | null;
    since: IsoText;
    opened_at: IsoText | null;
    acknowledged_at: IsoText | null;
    acknowledged_by: string | null;
    resolved_at: IsoText | null;
    updated_at: IsoText;
  };
  fleet_alert_webhooks: {
    tenant_id: string;
    url: string;
    secret: string | null;
    enabled: Flag;
    updated_by: string;
    updated_at: IsoText;
  };
  fleet_alert_deliveries: {
    id: string;
    tenant_id: string;
    alert_id: string;
    event: 'alert.opened' | 'alert.resolved';
    payload: string;
    state: 'pending' | 'delivered' | 'failed';
    attempts: number;
    next_attempt_at: IsoText | null;
    last_status: number | null;
    last_error: string | null;
    created_at: IsoText;
    delivered_at: IsoText | null;
  };
};
