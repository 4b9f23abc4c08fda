import { CONTACT_CHANNELS, PhoneSchema } from '@kiosk/shared';
import type { ContactChannel } from '@kiosk/shared';
import { z } from 'zod';
import type { Open311Issue } from './errors.js';

/**
 * Contact and consent on POST requests: `email` and `phone` (spec fields, format-checked here),
 * plus two extensions, `notification_channel` (email|sms|none) and CitySDK's
 * `privacy_policy_accepted` (true|false), which is the citizen's consent to be notified.
 */

export interface ContactChoice {
  readonly channel: ContactChannel;
  readonly consent: boolean;
}

const EmailSchema = z.email();
const FLAGS: Readonly<Record<string, boolean>> = { true: true, false: false, '1': true, '0': false };

export function checkEmail(email: string | null, issues: Open311Issue[]): string | null {
  if (email === null || EmailSchema.safeParse(email).success) return email;
  issues.push({ key: 'field-invalid', details: { name: 'email' } });
  return null;
}

export function checkPhone(phone: string | null, issues: Open311Issue[]): string | null {
  if (phone === null || PhoneSchema.safeParse(phone).success) return phone;
  issues.push({ key: 'field-invalid', details: { name: 'phone' } });
  return null;
}

export function readConsent(value: string | undefined, issues: Open311Issue[]): boolean | undefined {
  if (value === undefined) return undefined;
  const flag = FLAGS[value.toLowerCase()];
  if (flag === undefined) issues.push({ key: 'value-not-allowed', details: { name: 'privacy_policy_accepted', allowed: 'true, false' } });
  return flag;
}

export function readNotificationChannel(value: string | undefined, issues: Open311Issue[]): ContactChannel | undefined {
  if (value === undefined) return undefined;
  const channel = CONTACT_CHANNELS.find((c) => c === value.toLowerCase());
  if (channel === undefined) issues.push({ key: 'value-not-allowed', details: { name: 'notification_channel', allowed: CONTACT_CHANNELS.join(', ') } });
  return channel;
}

/**
 * The preference to record for the new case, or null when the client said nothing about
 * contact at all. Without `notification_channel`, consent picks e-mail (or else SMS) when an
 * address was given. A channel without its address, or without consent, is a 400.
 */
export function contactChoice(
  fields: { email: string | null; phone: string | null; channel: ContactChannel | undefined; consent: boolean | undefined },
  issues: Open311Issue[],
): ContactChoice | null {
  const consent = fields.consent ?? false;
  if (fields.channel === undefined) {
    if (fields.email === null && fields.phone === null && fields.consent === undefined) return null;
    const channel: ContactChannel = !consent ? 'none' : fields.email !== null ? 'email' : fields.phone !== null ? 'sms' : 'none';
    return { channel, consent };
  }
  if (fields.channel === 'email' && fields.email === null) issues.push({ key: 'field-invalid', details: { name: 'email' } });
  if (fields.channel === 'sms' && fields.phone === null) issues.push({ key: 'field-invalid', details: { name: 'phone' } });
  if (fields.channel !== 'none' && !consent) issues.push({ key: 'field-invalid', details: { name: 'privacy_policy_accepted' } });
  return { channel: fields.channel, consent };
}
