import { z } from 'zod';

/**
 * What a deployment sets about the kiosk's accessibility hardware (issue 8; reference
 * accessibility.md items 3, 23 and 25), part of the kiosk configuration the hub pushes. Every
 * field is optional: the renderer's defaults (kiosk/src/renderer/a11y/a11y-config.ts) apply.
 */

/** The keypad's actions; the renderer's keymap (a11y/keymap.ts) maps each to its keys. */
export const KEYPAD_ACTIONS = [
  'next', 'previous', 'groupNext', 'groupPrevious', 'activate', 'back', 'help', 'toggleAudio',
  'repeat', 'stop', 'volumeDown', 'volumeUp', 'nextLanguage',
] as const;
export type KeypadAction = (typeof KEYPAD_ACTIONS)[number];

/** EN 8.3: the highest a control a wheelchair user must reach may be, from the floor. */
export const REACH_LIMIT_MM = 1220;
/** Reach mode needs room for the controls: at least this share of the panel within the limit. */
export const MIN_REACHABLE_SHARE = 0.4;
/** EN 5.8: the double-strike delay must be adjustable up to at least 0.5 s; one second is the cap. */
export const MAX_KEY_DEBOUNCE_MS = 1000;

/**
 * A key name as KeyboardEvent.key or .code gives it. WCAG 2.1.4: no printing character (one
 * letter, digit or space) may be a shortcut, so names of one character are refused.
 */
const KeyNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]+$/, 'a key name such as "PageDown", "F5" or "Numpad8" (never a printing character)');

const KeymapShape = Object.fromEntries(KEYPAD_ACTIONS.map((action) => [action, z.array(KeyNameSchema).min(1).max(4)])) as Record<
  KeypadAction,
  z.ZodArray<typeof KeyNameSchema>
>;

/** A whole keypad map: every action has a key, and no key does two things. */
export const KeymapSchema = z
  .object(KeymapShape)
  .strict()
  .superRefine((keymap, ctx) => {
    const seen = new Map<string, KeypadAction>();
    for (const action of KEYPAD_ACTIONS) {
      for (const key of keymap[action]) {
        const other = seen.get(key);
        if (other !== undefined) ctx.addIssue({ code: 'custom', path: [action], message: `"${key}" is already the key of "${other}"` });
        seen.set(key, action);
      }
    }
  });

/** Where the panel hangs: the reach mode's free top part follows from it (EN 8.3). */
export interface PanelMounting {
  /** Height of the panel's visible top edge above the floor, in mm. */
  readonly topEdgeHeightMm: number;
  /** The panel's visible height as mounted (portrait: its long side), in mm. */
  readonly heightMm: number;
}

export const PanelMountingSchema = z
  .object({
    topEdgeHeightMm: z.number().int().min(600).max(2500),
    heightMm: z.number().int().min(150).max(2000),
  })
  .strict()
  .refine((panel) => panel.topEdgeHeightMm - panel.heightMm >= 0, { message: 'the panel cannot reach below the floor' })
  .refine((panel) => reachTopFraction(panel) <= 1 - MIN_REACHABLE_SHARE, {
    message: `less than ${MIN_REACHABLE_SHARE * 100}% of the panel is within ${REACH_LIMIT_MM} mm of the floor: reach mode would have no room for the controls`,
  });

export const KioskAccessibilitySchema = z
  .object({
    /** The keypad map (WCAG 2.1.4): replaces the default one whole. */
    keymap: KeymapSchema.optional(),
    /** The same keypad key again within this many ms is a bounce (EN 5.8). */
    keypadDebounceMs: z.number().int().min(0).max(MAX_KEY_DEBOUNCE_MS).optional(),
    /** The same on-screen keyboard key again within this many ms is a bounce (EN 5.8); 0: off. */
    onScreenKeyDebounceMs: z.number().int().min(0).max(MAX_KEY_DEBOUNCE_MS).optional(),
    panel: PanelMountingSchema.optional(),
  })
  .strict();
export type KioskAccessibility = z.infer<typeof KioskAccessibilitySchema>;

/** The share of the panel's height, from its top, above the reach limit (0 when all of it is below). */
export function reachTopFraction(panel: PanelMounting): number {
  const above = panel.topEdgeHeightMm - REACH_LIMIT_MM;
  return Math.min(1, Math.max(0, above / panel.heightMm));
}
