import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, createPreferencesStore } from '../../src/renderer/a11y/preferences.js';

// The screen curtain is a session preference: it only stays down while the kiosk reads aloud, and
// it goes up with everything else when the session ends.

describe('screen curtain preference', () => {
  it('starts up, stays down while audio is on, and goes up when audio goes off or the session ends', () => {
    const store = createPreferencesStore();
    expect(store.get().curtain).toBe('off');
    store.set({ audio: 'on', curtain: 'on' });
    expect(store.get()).toMatchObject({ audio: 'on', curtain: 'on' });
    store.set({ textSize: 'large' });
    expect(store.get().curtain).toBe('on');
    store.set({ audio: 'off' });
    expect(store.get()).toMatchObject({ audio: 'off', curtain: 'off' });
    // Never down without speech, even if asked.
    store.set({ curtain: 'on' });
    expect(store.get().curtain).toBe('off');
    store.set({ audio: 'on', curtain: 'on' });
    store.reset();
    expect(store.get()).toEqual(DEFAULT_PREFERENCES);
  });
});
