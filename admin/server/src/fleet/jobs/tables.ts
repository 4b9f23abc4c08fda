/** Tables of migration 0010, used through `db.withTables<JobTables>()`. */
export type JobTables = {
  fleet_jobs: {
    id: string;
    tenant_id: string;
    device_id: string;
    type: string;
    /** JSON object, checked against the type's schema when the job was created. */
    params: string;
    state: string;
    /** 0 or 1 (SQLite has no boolean). */
    disruptive: number;
    /** The staff user's id, or `rollout:<id>` for jobs a configuration rollout made. */
    created_by: string;
    created_at: string;
    delivered_at: string | null;
    started_at: string | null;
    finished_at: string | null;
    expires_at: string;
    timeout_seconds: number;
    /** JSON object of codes and counts the kiosk reported; never personal data. */
    result: string | null;
    error: string | null;
    rollout_id: string | null;
  };
  fleet_job_logs: {
    job_id: string;
    tenant_id: string;
    device_id: string;
    uploaded_at: string;
    line_count: number;
    /** JSON array of log lines (the agent's logs never hold personal data). */
    lines: string;
  };
  /** Columns migration 0011 (enrolment) adds to devices, for site and group targeting. */
  devices: {
    id: string;
    tenant_id: string;
    revoked_at: string | null;
    site: string | null;
    device_group: string | null;
  };
};

export type JobRow = JobTables['fleet_jobs'];
