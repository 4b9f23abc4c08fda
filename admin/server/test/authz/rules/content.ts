// Rules for the routes the console's content area added (format: ../README.md). The service
// catalogue is public through Open311 anyway, so every staff role reads it; only content
// editors and admins change it (the same people who write FAQ and procedure sheets).
const STAFF = ['admin', 'caseworker', 'editor', 'operator', 'viewer'] as const;
const CATALOGUE_EDITORS = ['admin', 'editor'] as const;

export const RULES = [
  { method: 'GET', url: '/api/catalog/services', allow: STAFF },
  { method: 'GET', url: '/api/catalog/services/:code', allow: STAFF },
  {
    method: 'PUT',
    url: '/api/catalog/services/:code',
    allow: CATALOGUE_EDITORS,
    body: { groupCode: 'street', locationless: false, texts: { es: { name: 'Servicio de prueba' } }, attributes: [] },
    // The :code is made up (a real one would lose its attributes to this example): 404 past authorisation.
    expect: [404],
  },
] as const;
