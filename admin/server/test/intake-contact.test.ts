import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@kiosk/shared';
import type { CaseSubmission } from '@kiosk/shared';
import type { NotificationTables } from '../src/modules/notifications/tables.js';
import { Open311CreatedIdSchema, Open311ErrorsSchema } from '../src/open311/schemas.js';
import { DIALECTS, FORM_HEADERS, createTestHub, form } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

// Contact and consent at intake: the kiosk's optional `contact`, and Open311's email/phone with
// the `notification_channel` and `privacy_policy_accepted` extensions. The case and the
// citizen's choice commit together; a channel without consent is refused.
describe.each(DIALECTS)('contact and consent at intake (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const preference = (requestId: string) =>
    hub.db.withTables<NotificationTables>().selectFrom('case_contact_preferences').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  const caseRow = (id: string) => hub.db.selectFrom('service_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const fileFromKiosk = (payload: CaseSubmission, key: string) =>
    hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, key), payload });

  describe('kiosk submissions', () => {
    it('stores the e-mail on the case and the choice with consent; the ID document only as a hash', async () => {
      const payload = submission(hub, 1, { contact: { channel: 'email', email: 'ana@example.org', consent: true, idDocument: '12345678Z' } });
      const answer = await fileFromKiosk(payload, 'contact-key-0001');
      expect(answer.statusCode).toBe(201);
      const id = (answer.json() as { serviceRequestId: string }).serviceRequestId;
      expect(await caseRow(id)).toMatchObject({ email: 'ana@example.org', phone: null, first_name: null });
      const stored = await preference(id);
      expect(stored).toMatchObject({ channel: 'email', locale: 'es' });
      expect(Number(stored?.consent)).toBe(1);
      expect(stored?.id_document_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain('12345678');
    });

    it('records an SMS choice with the phone, and a receipt-only choice without consent', async () => {
      const sms = await fileFromKiosk(submission(hub, 2, { contact: { channel: 'sms', phone: '+34 600 111 222', consent: true } }), 'contact-key-0002');
      expect(sms.statusCode).toBe(201);
      const smsId = (sms.json() as { serviceRequestId: string }).serviceRequestId;
      expect((await caseRow(smsId)).phone).toBe('+34 600 111 222');
      expect(await preference(smsId)).toMatchObject({ channel: 'sms' });

      const none = await fileFromKiosk(submission(hub, 3, { contact: { channel: 'none', consent: false } }), 'contact-key-0003');
      expect(none.statusCode).toBe(201);
      const noneId = (none.json() as { serviceRequestId: string }).serviceRequestId;
      const stored = await preference(noneId);
      expect([stored?.channel, Number(stored?.consent)]).toEqual(['none', 0]);
    });

    it('refuses an e-mail or SMS channel without consent, without its address, or with a malformed one (400), filing nothing', async () => {
      const bad: CaseSubmission['contact'][] = [
        { channel: 'email', email: 'ana@example.org', consent: false },
        { channel: 'sms', phone: '600111222', consent: false },
        { channel: 'email', consent: true },
        { channel: 'sms', consent: true },
        { channel: 'email', email: 'ana-at-example.org', consent: true },
        { channel: 'sms', phone: '12ab', consent: true },
      ];
      for (const [i, contact] of bad.entries()) {
        const answer = await fileFromKiosk(submission(hub, 10 + i, { contact }), `contact-bad-${String(i).padStart(4, '0')}`);
        expect(answer.statusCode).toBe(400);
      }
      const filed = await hub.db.selectFrom('service_requests').select('id').where('device_sequence', '>=', 10).execute();
      expect(filed).toEqual([]);
    });

    it('keeps payloads without contact valid: same fingerprint as an older agent computes, and replays', async () => {
      const payload = submission(hub, 20);
      const first = await fileFromKiosk(payload, 'contact-old-0001');
      expect(first.statusCode).toBe(201);
      const id = (first.json() as { serviceRequestId: string }).serviceRequestId;
      const oldAgentFingerprint = crypto.createHash('sha256').update(canonicalJson(payload)).digest('hex');
      expect((await caseRow(id)).submission_fingerprint).toBe(oldAgentFingerprint);
      expect(await preference(id)).toBeUndefined();
      const replay = await fileFromKiosk(payload, 'contact-old-0001');
      expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.body]).toEqual([201, 'true', first.body]);
    });
  });

  describe('Open311 POST requests', () => {
    const post = (fields: Record<string, string>) =>
      hub.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: FORM_HEADERS, payload: form(fields) });
    const base = (): Record<string, string> => ({ api_key: hub.apiKey, service_code: 'pavement-damage', lat: '40.4170', long: '-3.7040', description: 'Baldosa suelta.' });
    const created = async (fields: Record<string, string>) => {
      const answer = await post(fields);
      expect(answer.statusCode).toBe(201);
      return Open311CreatedIdSchema.parse(answer.json())[0]?.service_request_id ?? '';
    };
    const refused = async (fields: Record<string, string>) => {
      const answer = await post(fields);
      expect(answer.statusCode).toBe(400);
      return Open311ErrorsSchema.parse(answer.json()).map((e) => e.description);
    };

    it('takes privacy_policy_accepted as consent and picks e-mail when an address was given', async () => {
      const id = await created({ ...base(), email: 'vecina@example.org', phone: '600111222', privacy_policy_accepted: 'true', locale: 'ca' });
      const stored = await preference(id);
      expect([stored?.channel, Number(stored?.consent), stored?.locale]).toEqual(['email', 1, 'ca']);
    });

    it('follows notification_channel=sms', async () => {
      const id = await created({ ...base(), email: 'vecina@example.org', phone: '600 111 222', notification_channel: 'sms', privacy_policy_accepted: 'true' });
      expect(await preference(id)).toMatchObject({ channel: 'sms' });
    });

    it('records receipt-only without consent, and nothing when the client says nothing about contact', async () => {
      const withoutConsent = await created({ ...base(), email: 'vecina@example.org' });
      expect(await preference(withoutConsent)).toMatchObject({ channel: 'none' });
      const silent = await created(base());
      expect(await preference(silent)).toBeUndefined();
    });

    it('refuses a channel without consent or address, bad formats and unknown values, all at once', async () => {
      expect(await refused({ ...base(), email: 'vecina@example.org', notification_channel: 'email' })).toEqual(['El campo privacy_policy_accepted no es válido.']);
      expect(await refused({ ...base(), notification_channel: 'sms', privacy_policy_accepted: 'true' })).toEqual(['El campo phone no es válido.']);
      expect(await refused({ ...base(), email: 'vecina-at-example', phone: '12ab', locale: 'en' })).toEqual(['The field email is not valid.', 'The field phone is not valid.']);
      const unknown = await refused({ ...base(), notification_channel: 'fax', privacy_policy_accepted: 'maybe', locale: 'en' });
      expect(unknown).toHaveLength(2);
      expect(unknown.join(' ')).toMatch(/notification_channel.*email, sms, none/);
      expect(unknown.join(' ')).toMatch(/privacy_policy_accepted.*true, false/);
    });
  });
});
