import type { AnalyticsEvent, KioskLocale } from '@kiosk/shared';

type AccessibilityMode = AnalyticsEvent['modes'][number];

/**
 * The citizen's accessibility choices for one session. Held in memory only (never localStorage:
 * the next citizen must not inherit them), reset when the session ends.
 */
export interface A11yPreferences {
  readonly textSize: 'normal' | 'large';
  readonly contrast: 'normal' | 'high';
  readonly reach: 'off' | 'on';
  readonly audio: 'off' | 'on';
  /** The agent's volume step; null: the agent's default (not asked yet). */
  readonly volumeStep: number | null;
  /** Speaking rate relative to normal. */
  readonly rate: number;
  /**
   * The voice the citizen chose for a display language the kiosk has no voice for (EN 301 549
   * 5.1.3.14): asked again whenever the display language changes to another such language.
   */
  readonly speechChoice: { readonly display: KioskLocale; readonly voice: KioskLocale } | null;
  /** The citizen confirmed that personal data may be read aloud through the loudspeaker. */
  readonly privateConsent: boolean;
  /**
   * The screen curtain: nothing painted while the kiosk reads aloud, so no one looking over the
   * citizen's shoulder sees what they do. Only with audio on (lifted when audio goes off).
   */
  readonly curtain: 'off' | 'on';
}

export const DEFAULT_PREFERENCES: A11yPreferences = {
  textSize: 'normal',
  contrast: 'normal',
  reach: 'off',
  audio: 'off',
  volumeStep: null,
  rate: 1,
  speechChoice: null,
  privateConsent: false,
  curtain: 'off',
};

export const MIN_RATE = 0.5;
export const MAX_RATE = 2;
/** The rates the Slower and Faster buttons step through: a quarter of normal speed each. */
export const RATE_STEP = 0.25;

/** The next rate one step slower or faster, on the quarter grid, within MIN_RATE..MAX_RATE. */
export function stepRate(rate: number, change: 'slower' | 'faster'): number {
  const current = Number.isFinite(rate) ? rate : 1;
  const onGrid = Math.round(current / RATE_STEP) * RATE_STEP;
  const next = onGrid + (change === 'faster' ? RATE_STEP : -RATE_STEP);
  return Math.min(MAX_RATE, Math.max(MIN_RATE, next));
}

export interface PreferencesStore {
  get(): A11yPreferences;
  set(change: Partial<A11yPreferences>): void;
  reset(): void;
  subscribe(listener: () => void): () => void;
}

export function createPreferencesStore(initial: A11yPreferences = DEFAULT_PREFERENCES): PreferencesStore {
  let current = initial;
  const listeners = new Set<() => void>();
  const publish = (next: A11yPreferences): void => {
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => current,
    set(change) {
      const merged = { ...current, ...change };
      // A curtain without speech would leave the citizen with nothing at all.
      const next = merged.audio === 'off' ? { ...merged, curtain: 'off' as const } : merged;
      publish({ ...next, rate: Math.min(MAX_RATE, Math.max(MIN_RATE, Number.isFinite(next.rate) ? next.rate : 1)) });
    },
    reset() {
      if (current !== DEFAULT_PREFERENCES) publish(DEFAULT_PREFERENCES);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The modes analytics events carry (protocol/analytics.ts), sorted: counts, never who. */
export function modesOf(preferences: A11yPreferences): AccessibilityMode[] {
  const modes: AccessibilityMode[] = [];
  if (preferences.audio === 'on') modes.push('audio');
  if (preferences.contrast === 'high') modes.push('high-contrast');
  if (preferences.textSize === 'large') modes.push('large-text');
  if (preferences.reach === 'on') modes.push('reach');
  return modes.sort();
}
