import { z } from 'zod';
import { IsoDateTimeSchema, LocaleSchema } from '../schemas/common.js';

/**
 * Transparency figures (issue 4: "street lighting: 90 % fixed within 3 days"). The hub computes
 * them for the kiosk's municipality at GET /fleet/v1/figures (admin/server/src/modules/
 * notifications/figures.ts, which serves HubFiguresSchema); the agent keeps the last good answer and
 * serves it to the renderer as 'figures.list'. Counts only, never personal data.
 */

export const FIGURES_PATH = '/figures';

export const ServiceFiguresSchema = z.object({
  serviceCode: z.string(),
  name: z.string(),
  closedCount: z.number().int().nonnegative(),
  /** Null below the hub's minimum sample (too few cases to mean much, or to stay anonymous). */
  medianDays: z.number().nonnegative().nullable(),
  p90Days: z.number().nonnegative().nullable(),
  slaDays: z.number().int().positive().nullable(),
  /** 0..1, the share of closed cases closed within the SLA. */
  withinSlaShare: z.number().min(0).max(1).nullable(),
});
export type ServiceFigures = z.infer<typeof ServiceFiguresSchema>;

export const HubFiguresSchema = z.object({
  locale: LocaleSchema,
  generatedAt: IsoDateTimeSchema,
  windowDays: z.number().int().positive(),
  minSample: z.number().int().positive(),
  services: z.array(ServiceFiguresSchema),
});
export type HubFigures = z.infer<typeof HubFiguresSchema>;

/** What 'figures.list' answers: the figures worth showing, and how old they are. */
export const KioskFiguresSchema = z.object({
  /** Only services with figures (enough closed cases), at most a handful, best known first. */
  services: z.array(ServiceFiguresSchema),
  windowDays: z.number().int().positive().nullable(),
  /** When the hub computed them; null when the kiosk has never had any. */
  generatedAt: IsoDateTimeSchema.nullable(),
  /** True when the hub could not be asked now and these come from the kiosk's store. */
  stale: z.boolean(),
});
export type KioskFigures = z.infer<typeof KioskFiguresSchema>;

export const figuresKioskMethods = {
  'figures.list': { params: z.object({ locale: LocaleSchema }).strict(), result: KioskFiguresSchema },
} as const;
