import type { KioskEffects } from '../../src/flows/index.js';

/**
 * KioskEffects for tests that exercise only some journeys: the effects given are used, and any
 * other one throws with its name when a machine calls it (so a test never passes on a silent stub).
 * New journeys add effects without touching every test.
 */
export function stubEffects(given: Partial<KioskEffects>): KioskEffects {
  return new Proxy(given, {
    get(target, name) {
      if (name in target) return target[name as keyof KioskEffects];
      return () => {
        throw new Error(`effect ${String(name)} was called but this test did not provide it`);
      };
    },
  }) as KioskEffects;
}
