import { DescriptionSchema, MAX_DESCRIPTION_LENGTH } from '@kiosk/shared';
import type { ContactChannel } from '@kiosk/shared';
import { checkEmail, checkPhone, readConsent, readNotificationChannel } from './contact.js';
import type { Open311Issue } from './errors.js';

/** Longest value each optional text field may carry; longer is refused, never cut. */
export const FIELD_LIMITS = {
  short: 100,
  name: 200,
  email: 254,
  phone: 40,
  address: 500,
  url: 2000,
  /** The longest datatype (`text`) allows a description's length; attributes.ts narrows per datatype. */
  attributeValue: MAX_DESCRIPTION_LENGTH,
} as const;
/** Most `attribute[...]` entries one request may carry. */
export const MAX_ATTRIBUTES = 100;

export type RawForm = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The POST requests form after checking, before any database look-up. */
export interface Open311RequestForm {
  readonly jurisdictionId: string | undefined;
  readonly apiKey: string | undefined;
  readonly serviceCode: string | undefined;
  readonly lat: number | null;
  readonly long: number | null;
  readonly addressString: string | null;
  readonly addressId: string | null;
  readonly description: string | null;
  readonly mediaUrl: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly accountId: string | null;
  readonly deviceId: string | null;
  readonly channel: string | undefined;
  /** Extension: how the citizen wants to hear back (email, sms, none). */
  readonly notificationChannel: ContactChannel | undefined;
  /** CitySDK's `privacy_policy_accepted`: the citizen's consent to be notified. */
  readonly privacyPolicyAccepted: boolean | undefined;
  readonly attributes: Readonly<Record<string, string | string[]>>;
  /** Problems found in the form itself (400s), all of them, in field order. */
  readonly issues: readonly Open311Issue[];
}

/** Open311: an empty optional parameter behaves exactly like an absent one. */
export function singleField(form: RawForm, name: string): string | undefined {
  const raw = form[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function bounded(form: RawForm, name: string, max: number, issues: Open311Issue[]): string | null {
  const value = singleField(form, name);
  if (value === undefined) return null;
  if (value.length > max) {
    issues.push({ key: 'field-invalid', details: { name } });
    return null;
  }
  return value;
}

function coordinates(form: RawForm, issues: Open311Issue[]): { lat: number | null; long: number | null } {
  const lat = singleField(form, 'lat');
  const long = singleField(form, 'long');
  if (lat === undefined && long === undefined) return { lat: null, long: null };
  const latValue = Number(lat);
  const longValue = Number(long);
  const valid =
    lat !== undefined && long !== undefined && Number.isFinite(latValue) && Number.isFinite(longValue) &&
    Math.abs(latValue) <= 90 && Math.abs(longValue) <= 180;
  if (!valid) {
    issues.push({ key: 'lat-long-invalid' });
    return { lat: null, long: null };
  }
  return { lat: latValue, long: longValue };
}

/** `description`: at most 4000 characters, no HTML; null when absent. */
export function readDescription(form: RawForm, issues: Open311Issue[]): string | null {
  const value = singleField(form, 'description');
  if (value === undefined) return null;
  if (value.length > MAX_DESCRIPTION_LENGTH) {
    issues.push({ key: 'description-too-long' });
    return null;
  }
  // The shared rule, so the kiosk and the hub refuse exactly the same text.
  if (!DescriptionSchema.safeParse(value).success) {
    issues.push({ key: 'description-html' });
    return null;
  }
  return value;
}

const ATTRIBUTE_KEY = /^attribute\[([^\][]{1,64})\](\[\])?$/;

function attributes(form: RawForm, issues: Open311Issue[]): Record<string, string | string[]> {
  const found: Record<string, string | string[]> = {};
  for (const [key, raw] of Object.entries(form)) {
    const match = ATTRIBUTE_KEY.exec(key);
    const code = match?.[1];
    if (code === undefined || raw === undefined) continue;
    if (Object.keys(found).length >= MAX_ATTRIBUTES) {
      issues.push({ key: 'field-invalid', details: { name: 'attribute' } });
      break;
    }
    const values = (typeof raw === 'string' ? [raw] : [...raw]).map((v) => v.trim()).filter((v) => v !== '');
    if (values.some((v) => v.length > FIELD_LIMITS.attributeValue)) {
      issues.push({ key: 'field-invalid', details: { name: key } });
      continue;
    }
    if (values.length === 0) continue;
    const isList = match?.[2] !== undefined || values.length > 1;
    found[code] = isList ? values : (values[0] ?? '');
  }
  return found;
}

export function readRequestForm(form: RawForm): Open311RequestForm {
  const issues: Open311Issue[] = [];
  const { lat, long } = coordinates(form, issues);
  return {
    jurisdictionId: singleField(form, 'jurisdiction_id'),
    apiKey: singleField(form, 'api_key'),
    serviceCode: singleField(form, 'service_code'),
    lat,
    long,
    addressString: bounded(form, 'address_string', FIELD_LIMITS.address, issues),
    addressId: bounded(form, 'address_id', FIELD_LIMITS.short, issues),
    description: readDescription(form, issues),
    mediaUrl: bounded(form, 'media_url', FIELD_LIMITS.url, issues),
    email: checkEmail(bounded(form, 'email', FIELD_LIMITS.email, issues), issues),
    phone: checkPhone(bounded(form, 'phone', FIELD_LIMITS.phone, issues), issues),
    firstName: bounded(form, 'first_name', FIELD_LIMITS.name, issues),
    lastName: bounded(form, 'last_name', FIELD_LIMITS.name, issues),
    accountId: bounded(form, 'account_id', FIELD_LIMITS.short, issues),
    deviceId: bounded(form, 'device_id', FIELD_LIMITS.short, issues),
    channel: singleField(form, 'channel'),
    notificationChannel: readNotificationChannel(singleField(form, 'notification_channel'), issues),
    privacyPolicyAccepted: readConsent(singleField(form, 'privacy_policy_accepted'), issues),
    attributes: attributes(form, issues),
    issues,
  };
}

export function hasLocation(form: Open311RequestForm): boolean {
  return form.lat !== null || form.addressString !== null || form.addressId !== null;
}
