import { reachTopFraction, type KioskAccessibility, type PanelMounting } from '@kiosk/shared';
import { DEFAULT_KEYMAP, type Keymap } from './keymap';

/**
 * Everything a deployment may tune about accessibility, with sane defaults. The panel geometry
 * decides the large-text size: EN 301 549 5.1.4 asks a capital H to subtend 0.7 degrees at the
 * viewing distance, i.e. cap height >= distance x 0.01222.
 */
export interface A11yConfig {
  /** Eye-to-screen distance the kiosk is designed for, in mm. */
  readonly viewingDistanceMm: number;
  /** CSS pixels per mm on this panel (96 dpi = 3.78). */
  readonly pxPerMm: number;
  /** Cap height of the kiosk's font as a fraction of its size (Noto Sans 0.714, DejaVu Sans 0.729): the smaller, the safer. */
  readonly capHeightRatio: number;
  /** Where the panel hangs (configuration's `accessibility.panel`): reach mode follows from it. */
  readonly panel: PanelMounting;
  /** Reach mode: the share of the screen's height, from the top, left free of controls (the part above 1220 mm). */
  readonly reachTopFraction: number;
  /** The same keypad key again within this many ms is a bounce, not a second press (EN 5.8: up to 0.5 s). */
  readonly keypadDebounceMs: number;
  /** The same on-screen keyboard key again within this many ms is a bounce (EN 5.8); 0: every tap types. */
  readonly onScreenKeyDebounceMs: number;
  readonly keymap: Keymap;
  /** The visible Back control of the current screen (Escape presses it). */
  readonly backSelector: string;
  /** The control that opens Help (F1 away from the attract screen presses it). */
  readonly helpSelector: string;
  /** Controls that act on pointerdown, not click (react-simple-keyboard's keys): activated with pointer events. */
  readonly pointerActivatedSelector: string;
}

/** The 0.7-degree rule's factor: tan(0.7 degrees). */
export const CAP_HEIGHT_PER_DISTANCE = 0.01222;

/**
 * A 1080 x 1920 panel at 96 dpi is 508 mm tall; hung with its top edge at 1372 mm, its top 30%
 * is above EN 8.3's 1220 mm. A deployment declares its own mounting in the configuration.
 */
export const DEFAULT_PANEL: PanelMounting = { topEdgeHeightMm: 1372, heightMm: 508 };

export const DEFAULT_A11Y_CONFIG: A11yConfig = {
  viewingDistanceMm: 600,
  pxPerMm: 3.78,
  capHeightRatio: 0.7,
  panel: DEFAULT_PANEL,
  reachTopFraction: reachTopFraction(DEFAULT_PANEL),
  keypadDebounceMs: 200,
  onScreenKeyDebounceMs: 0,
  keymap: DEFAULT_KEYMAP,
  backSelector: 'main .action-start, main [data-testid$="-back"]',
  helpSelector: '[data-testid="top-help"]',
  pointerActivatedSelector: '.hg-button',
};

/** The smallest font size (CSS px, whole) whose capital H meets the 0.7-degree rule on this panel. */
export function largeTextMinFontPx(config: Pick<A11yConfig, 'viewingDistanceMm' | 'pxPerMm' | 'capHeightRatio'>): number {
  if (!(config.viewingDistanceMm > 0 && config.pxPerMm > 0 && config.capHeightRatio > 0 && config.capHeightRatio < 1)) {
    throw new RangeError('a11y: viewing distance, pixels per mm and cap-height ratio must be positive (the ratio below 1)');
  }
  const capHeightPx = config.viewingDistanceMm * CAP_HEIGHT_PER_DISTANCE * config.pxPerMm;
  return Math.ceil(capHeightPx / config.capHeightRatio);
}

/**
 * The renderer's accessibility settings from the applied kiosk configuration (its `accessibility`
 * part, validated by the hub and the agent against KioskAccessibilitySchema): what it sets wins,
 * the rest keeps its default. Reach mode's free top part is derived from the panel's mounting.
 */
export function a11yConfigFrom(configured: KioskAccessibility | undefined, base: A11yConfig = DEFAULT_A11Y_CONFIG): A11yConfig {
  if (configured === undefined) return base;
  const panel = configured.panel ?? base.panel;
  return {
    ...base,
    panel,
    reachTopFraction: reachTopFraction(panel),
    keymap: configured.keymap ?? base.keymap,
    keypadDebounceMs: configured.keypadDebounceMs ?? base.keypadDebounceMs,
    onScreenKeyDebounceMs: configured.onScreenKeyDebounceMs ?? base.onScreenKeyDebounceMs,
  };
}
