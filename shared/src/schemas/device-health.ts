import { z } from 'zod';
import { IsoDateTimeSchema } from './common.js';

/** One model for every device (issue 5): its state, why, and since when. */
export const DeviceStateSchema = z.enum(['ok', 'warning', 'error', 'offline']);
export type DeviceState = z.infer<typeof DeviceStateSchema>;

export const DeviceHealthSchema = z.object({
  state: DeviceStateSchema,
  /** Machine-readable reason, e.g. `paper-near-end`, `cover-open`, `unreachable`. */
  reason: z.string().nullable(),
  since: IsoDateTimeSchema,
});
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>;

export const DevicesHealthSchema = z.object({
  printer: DeviceHealthSchema,
  scanner: DeviceHealthSchema,
});
export type DevicesHealth = z.infer<typeof DevicesHealthSchema>;
