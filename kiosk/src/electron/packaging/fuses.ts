import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';

/**
 * The fuses burnt into the packaged Electron binary (platform.md, Electron shell). Every fuse is
 * listed (`strictlyRequireAllFuses`), so an Electron upgrade that adds one fails packaging until
 * someone decides its value here. packaging.test.ts fails if a security fuse is turned off.
 */
export const KIOSK_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // Without these three, anyone with a shell could run the binary as plain Node or debug it.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Our code only from app.asar: a file dropped beside it is never loaded.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Integrity of app.asar is checked only on macOS and Windows, and needs the integrity digest
  // electron-builder writes when signing for Windows: off here; Linux relies on a read-only,
  // root-owned install (kiosk/docs/deployment.md). Turn on together with Windows code signing.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
} satisfies FuseV1Config;

/** The packaged Electron executable inside electron-builder's output folder. */
export function packagedExecutable(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName'> & { packager: { appInfo: { productFilename: string }; executableName?: string } }): string {
  switch (context.electronPlatformName) {
    case 'win32':
      return join(context.appOutDir, `${context.packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(context.appOutDir, context.packager.executableName ?? context.packager.appInfo.productFilename);
    default:
      throw new Error(`the kiosk is packaged for Linux and Windows only, not ${context.electronPlatformName}`);
  }
}

/** electron-builder's afterPack hook: burns the fuses before the installer is made. */
export async function applyKioskFuses(context: AfterPackContext): Promise<void> {
  await flipFuses(packagedExecutable(context as Parameters<typeof packagedExecutable>[0]), KIOSK_FUSES);
}
