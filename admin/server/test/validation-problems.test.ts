import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiErrorSchema, OpeningHoursBodySchema, PlainTextSchema } from '@kiosk/shared';
import { problemsFrom } from '../src/http/zod.js';
import { createTestHub, signInStaff } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

// A refused request names each broken rule (field, rule, the schema's bound), so the console can say
// it in the staff member's language; the value that broke it never appears in the answer.

describe('request validation problems', () => {
  let hub: TestHub;
  let admin: Record<string, string>;
  beforeAll(async () => {
    hub = await createTestHub('sqlite');
    admin = await signInStaff(hub, 'admin', hub.adminPassword);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('names the missing, the not-allowed and the too-long field, with the bound and without the values', async () => {
    const site = `secret-site-${'x'.repeat(100)}`;
    const response = await hub.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { role: 'chief-of-staff', site } });
    expect(response.statusCode).toBe(400);
    const body = ApiErrorSchema.parse(response.json());
    expect(body.error.code).toBe('invalid');
    expect(body.error.problems).toEqual(
      expect.arrayContaining([
        { field: 'body.username', rule: 'required' },
        { field: 'body.role', rule: 'not-allowed' },
        { field: 'body.site', rule: 'too-long', limit: 100 },
      ]),
    );
    expect(body.error.problems).toHaveLength(3);
    expect(response.body).not.toContain('secret-site');
    expect(response.body).not.toContain('chief-of-staff');
  });

  it('a pattern is a format rule, and a request without a fault has no problems list', async () => {
    const bad = await hub.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'a b', role: 'viewer' } });
    expect(ApiErrorSchema.parse(bad.json()).error.problems).toEqual([{ field: 'body.username', rule: 'format' }]);
    const gone = await hub.app.inject({ method: 'PATCH', url: '/api/users/nobody-here', headers: admin, payload: { disabled: true } });
    expect(gone.statusCode).toBe(404);
    expect(ApiErrorSchema.parse(gone.json()).error.problems).toBeUndefined();
  });
});

describe('problemsFrom', () => {
  const schema = z.object({ name: z.string().min(2), count: z.number().int().max(9), tags: z.array(z.string()).min(1), email: z.email(), kind: z.string() }).strict();
  const rules = (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) throw new Error('expected a failure');
    return problemsFrom(result.error, 'body', data).map(({ field, rule, limit }) => ({ field, rule, limit }));
  };

  it('tells text, number and list bounds apart, a wrong type from a missing one, and an unknown field', () => {
    expect(rules({ name: 'a', count: 12, tags: [], email: 'nope', kind: 3, extra: true })).toEqual(
      expect.arrayContaining([
        { field: 'body.name', rule: 'too-short', limit: 2 },
        { field: 'body.count', rule: 'too-large', limit: 9 },
        { field: 'body.tags', rule: 'too-few', limit: 1 },
        { field: 'body.email', rule: 'format', limit: undefined },
        { field: 'body.kind', rule: 'type', limit: undefined },
        { field: 'body', rule: 'unknown-field', limit: undefined },
      ]),
    );
    expect(rules({ count: 1, tags: ['a'], email: 'a@b.es', kind: 'x' })).toEqual([{ field: 'body.name', rule: 'required', limit: undefined }]);
  });

  it('takes a refinement’s own rule (order, overlap, characters), and calls one without a rule invalid', () => {
    const of = (schema: z.ZodType, data: unknown) => {
      const result = schema.safeParse(data);
      if (result.success) throw new Error('expected a failure');
      return problemsFrom(result.error, 'body', data).map(({ field, rule }) => ({ field, rule }));
    };
    expect(of(OpeningHoursBodySchema, { hours: [{ weekday: 1, opensAt: '14:00', closesAt: '09:00' }] })).toEqual([{ field: 'body.hours', rule: 'order' }]);
    const overlapping = [{ weekday: 5, opensAt: '08:30', closesAt: '13:30' }, { weekday: 5, opensAt: '12:00', closesAt: '14:00' }];
    expect(of(OpeningHoursBodySchema, { hours: overlapping })).toEqual([{ field: 'body.hours', rule: 'overlap' }]);
    expect(of(z.object({ label: PlainTextSchema(20) }), { label: 'Desk <b>' })).toEqual([{ field: 'body.label', rule: 'characters' }]);
    expect(of(z.string().refine((text) => text === 'yes', 'say yes'), 'no')).toEqual([{ field: 'body', rule: 'invalid' }]);
  });
});
