/**
 * Kiosk store step 7: usage counts per day AND hour (the console's heat map of journeys started
 * per kiosk and hour, issue 7). `hour` is the UTC hour of the agent's clock; the hub turns it into
 * the municipality's local hour. Rows counted before this step keep `hour` NULL and go to the hub
 * without an hour ("hour unknown" there): their events were never timed finer than the day.
 */
export const sql = `
  ALTER TABLE analytics_counts ADD COLUMN hour INTEGER CHECK (hour BETWEEN 0 AND 23);
  DROP INDEX analytics_counts_open;
  CREATE UNIQUE INDEX analytics_counts_open ON analytics_counts (day, hour, type, journey, step, reason, locale, modes, detail) WHERE batch_id IS NULL;
`;
