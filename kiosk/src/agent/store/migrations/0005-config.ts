/** Kiosk store step 5: applied kiosk configuration (config owner). */
export const sql = `
  SELECT 1;
`;
