/** Migration 0011's enrolments table, used through `db.withTables<EnrolmentTables>()`. */
export type EnrolmentTables = {
  enrolments: {
    id: string;
    code_hash: string;
    poll_token_hash: string;
    secret_hash: string;
    agent_version: string;
    state: 'pending' | 'approved' | 'rejected';
    interval_seconds: number;
    last_polled_at: string | null;
    created_at: string;
    expires_at: string;
    tenant_id: string | null;
    device_id: string | null;
    decided_by: string | null;
    decided_at: string | null;
  };
};

export type EnrolmentRow = EnrolmentTables['enrolments'];
