import { z } from 'zod';
import { IsoDateTimeSchema } from '../schemas/common.js';
import { FLEET_BASE_PATH } from './fleet.js';

/**
 * The kiosk's last screenshot (issue 7): under Electron a screenshot job captures the attract
 * screen, the agent PUTs the PNG to the hub, which keeps only the latest one per kiosk for admins.
 */

/** The kiosk uploads its screenshot job's PNG here (raw image/png body, the device's credential). */
export const JOB_SCREENSHOT_PATH = `${FLEET_BASE_PATH}/jobs/:id/screenshot`;
export const jobScreenshotPath = (jobId: string): string => JOB_SCREENSHOT_PATH.replace(':id', encodeURIComponent(jobId));

/** The console reads a kiosk's latest screenshot here (image/png, admins only). */
export const deviceScreenshotPath = (deviceId: string): string => `/api/fleet/devices/${encodeURIComponent(deviceId)}/screenshot`;
/**
 * What the console needs to show it (JSON, not audited: no image): when, by which job, how big.
 * The image itself is then loaded from deviceScreenshotPath (same origin: the console's CSP allows
 * no blob: or data: images), and each such load is audited.
 */
export const deviceScreenshotInfoPath = (deviceId: string): string => `${deviceScreenshotPath(deviceId)}/info`;
export const ScreenshotInfoSchema = z.object({
  deviceId: z.string(),
  jobId: z.string(),
  takenAt: IsoDateTimeSchema,
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
});
export type ScreenshotInfo = z.infer<typeof ScreenshotInfoSchema>;

/** Headers of that answer: when it was taken and by which job (the body is only the image). */
export const SCREENSHOT_TAKEN_AT_HEADER = 'x-screenshot-taken-at';
export const SCREENSHOT_JOB_HEADER = 'x-screenshot-job';

/** The shell downscales to this width; a 1280 px wide PNG of a kiosk screen stays well under the limit. */
export const SCREENSHOT_MAX_WIDTH = 1280;
/** Largest PNG the hub takes (413 above it). */
export const MAX_SCREENSHOT_BYTES = 2 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/**
 * A PNG's size from its header (signature, then the IHDR chunk first), or null when the bytes are
 * no PNG. Checked by the agent before it uploads and by the hub before it stores.
 */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null;
  if (!PNG_SIGNATURE.every((value, index) => bytes[index] === value)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Bytes 12-15 name the first chunk, which must be IHDR; width and height follow, big-endian.
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}
