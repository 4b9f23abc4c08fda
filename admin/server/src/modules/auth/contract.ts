// The console's auth contract lives in @kiosk/shared (admin/web uses it too).
export { LoginBodySchema, MeSchema, type Me } from '@kiosk/shared';
