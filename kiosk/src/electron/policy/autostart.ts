/**
 * Whether the app registers itself to start at log-in. Linux starts it from a systemd unit under
 * cage, and Windows Assigned Access / Shell Launcher starts it as the shell; the log-in item is
 * the fallback for a plain Windows account. Never in development: it would start on the
 * developer's machine.
 */
export function shouldRegisterLoginItem(platform: string, packaged: boolean): boolean {
  return packaged && platform === 'win32';
}
