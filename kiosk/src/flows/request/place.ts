import { CitizenContactSchema, RequestLocationSchema, type Landmark, type RequestLocation } from '@kiosk/shared';

export type LocationProblem = 'too-short' | 'too-long' | 'markup';
export type ContactProblem = 'email' | 'phone';
/** How the citizen hears back: 'none' is the printed receipt (or the on-screen QR) only. */
export type ContactChannelChoice = 'none' | 'sms' | 'email';

/** A typed address as the hub takes it, or why not. */
export function checkAddress(text: string): { location: RequestLocation } | { problem: LocationProblem } {
  const result = RequestLocationSchema.safeParse({ addressString: text });
  if (result.success) return { location: result.data };
  const code = result.error.issues[0]?.code;
  return { problem: code === 'too_small' ? 'too-short' : code === 'too_big' ? 'too-long' : 'markup' };
}

/** A picked landmark: its name and address for people, its id and coordinates for the hub. */
export function landmarkLocation(landmark: Landmark): RequestLocation {
  const addressString = landmark.addressString === '' ? landmark.name : `${landmark.name}, ${landmark.addressString}`;
  return {
    addressString: addressString.slice(0, 200),
    landmarkId: landmark.id,
    ...(landmark.lat === null ? {} : { lat: landmark.lat }),
    ...(landmark.long === null ? {} : { long: landmark.long }),
  };
}

/** The e-mail address or phone number for `channel`, checked with the schema the hub uses. */
export function checkContact(channel: 'sms' | 'email', value: string): ContactProblem | null {
  const trimmed = value.trim();
  const contact = channel === 'email' ? { channel, email: trimmed, consent: true } : { channel, phone: trimmed, consent: true };
  return CitizenContactSchema.safeParse(contact).success ? null : channel === 'email' ? 'email' : 'phone';
}
