/** Kiosk store step 4: executed job ids, so each job runs at most once (jobs owner). */
export const sql = `
  SELECT 1;
`;
