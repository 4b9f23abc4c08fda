/** Kiosk store step 3: encrypted pending personal data, dead-letter reporting (outbox owner). */
export const sql = `
  SELECT 1;
`;
