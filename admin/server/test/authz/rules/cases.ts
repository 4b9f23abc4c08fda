// Rules for the routes the console's cases area added (format: ../README.md). Everyone who reads
// cases gets the queue's filter options; only case handlers change cases in bulk or reveal a
// citizen's personal data (each reveal is audited).
const CASE_READERS = ['admin', 'caseworker', 'editor', 'viewer'] as const;
const CASE_WRITERS = ['admin', 'caseworker'] as const;

export const RULES = [
  { method: 'GET', url: '/api/workflow/filter-options', allow: CASE_READERS },
  {
    method: 'POST',
    url: '/api/workflow/cases/bulk',
    allow: CASE_WRITERS,
    body: { ids: ['999999'], change: { kind: 'status', detailedStatus: 'in-progress' } },
  },
  { method: 'POST', url: '/api/workflow/cases/:id/personal-data', allow: CASE_WRITERS, body: {} },
] as const;
