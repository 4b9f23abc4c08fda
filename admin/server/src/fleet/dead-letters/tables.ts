import type { DeadLetterState } from '@kiosk/shared';

/** Table of migration 0012, used through `db.withTables<DeadLetterTables>()`. */
export type DeadLetterTables = {
  fleet_dead_letters: {
    id: string;
    tenant_id: string;
    device_id: string;
    outbox_id: number;
    local_reference: string;
    service_code: string;
    idempotency_key: string;
    status_code: number;
    error: string;
    /** JSON CaseSubmission as the kiosk last sent it: personal data. */
    submission: string;
    /** JSON CaseSubmission with staff corrections, or null. */
    corrected_submission: string | null;
    state: DeadLetterState;
    fix_id: string | null;
    reports: number;
    reported_at: string;
    updated_at: string;
    resent_at: string | null;
  };
};

export type DeadLetterRow = DeadLetterTables['fleet_dead_letters'];
