// Rules for the kiosk's last screenshot (issue 7; format: ../README.md).
// The kiosk hands in its own screenshot job's PNG; only admins may look at one (it may show a screen).
// A 1x1 PNG: a valid upload, so the kiosk's answer (404, no such job of its own) is about the job.
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export const RULES = [
  { method: 'PUT', url: '/fleet/v1/jobs/:id/screenshot', allow: ['kiosk'], body: PNG_1X1, headers: { 'content-type': 'image/png' }, expect: [404] },
  { method: 'GET', url: '/api/fleet/devices/:id/screenshot', allow: ['admin'] },
  { method: 'GET', url: '/api/fleet/devices/:id/screenshot/info', allow: ['admin'] },
] as const;
