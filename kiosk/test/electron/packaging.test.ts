import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import type * as Fuses from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { KIOSK_FUSES, applyKioskFuses, packagedExecutable } from '../../src/electron/packaging/fuses.js';
import { builderConfig } from '../../src/electron/packaging/builder-config.js';

// Regression: fails if any fuse or packaging choice that keeps the kiosk locked down is turned
// off. No packaging build runs here (it needs the network); electron-builder's own loader and
// schema check the configuration instead.

const flipped = vi.hoisted(() => [] as Array<{ path: string; config: unknown }>);
vi.mock('@electron/fuses', async (importOriginal) => ({
  ...(await importOriginal<typeof Fuses>()),
  flipFuses: async (path: string, config: unknown) => {
    flipped.push({ path, config });
    return 0;
  },
}));

const require = createRequire(import.meta.url);
const kioskDir = join(import.meta.dirname, '../..');

describe('fuses', () => {
  it('keep every security fuse in its safe position', () => {
    expect(KIOSK_FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(KIOSK_FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(KIOSK_FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(KIOSK_FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(KIOSK_FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(KIOSK_FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });
  it('decide every fuse Electron knows, so a new one cannot slip in at its default', () => {
    const known = Object.values(FuseV1Options).filter((value): value is FuseV1Options => typeof value === 'number');
    for (const fuse of known) expect(typeof KIOSK_FUSES[fuse]).toBe('boolean');
    expect(KIOSK_FUSES.strictlyRequireAllFuses).toBe(true);
  });
});

describe('the afterPack hook', () => {
  beforeEach(() => {
    flipped.length = 0;
  });
  const context = (platform: string) =>
    ({ appOutDir: '/out/app', electronPlatformName: platform, packager: { appInfo: { productFilename: 'Town Hall Kiosk' }, executableName: 'townhall-kiosk' } }) as unknown as AfterPackContext;

  it('burns the fuses into the packaged binary for Linux and Windows', async () => {
    await applyKioskFuses(context('linux'));
    await applyKioskFuses(context('win32'));
    expect(flipped).toEqual([
      { path: join('/out/app', 'townhall-kiosk'), config: KIOSK_FUSES },
      { path: join('/out/app', 'Town Hall Kiosk.exe'), config: KIOSK_FUSES },
    ]);
  });
  it('refuses a platform the kiosk is not packaged for, instead of shipping it unfused', () => {
    expect(() => packagedExecutable(context('darwin') as never)).toThrow(/Linux and Windows only/);
  });
});

describe('the electron-builder configuration', () => {
  it('builds AppImage and deb for Linux, NSIS for Windows', () => {
    expect(builderConfig.linux.target).toEqual(['AppImage', 'deb']);
    expect(builderConfig.win.target).toEqual(['nsis']);
  });
  it('packs into asar, unpacks the native SQLite module, rebuilds native modules, runs the fuse hook', () => {
    expect(builderConfig.asar).toBe(true);
    expect(builderConfig.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(builderConfig.npmRebuild).toBe(true);
    expect(builderConfig.afterPack).toBe(applyKioskFuses);
    expect(builderConfig.extraMetadata.main).toBe('dist/electron/main.cjs');
    expect(builderConfig.electronVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('is what electron-builder itself loads from kiosk/electron-builder.config.ts, and passes its schema', async () => {
    const { createJiti } = require('jiti') as { createJiti: (from: string) => { import(id: string, options: { default: true }): Promise<unknown> } };
    const loaded = (await createJiti(import.meta.filename).import(join(kioskDir, 'electron-builder.config.ts'), { default: true })) as typeof builderConfig;
    expect({ ...loaded, afterPack: undefined }).toEqual({ ...builderConfig, afterPack: undefined });
    expect(typeof loaded.afterPack).toBe('function');
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(structuredClone({ ...loaded, afterPack: undefined }), { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone({ ...loaded, afterPack: undefined }), asarUnpak: [] }, { isEnabled: false, add: () => {} })).rejects.toThrow();
  });
});
