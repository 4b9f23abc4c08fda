import { readPngSize, type JobResult } from '@kiosk/shared';

/**
 * The screenshot job's work under Electron: capture the screen through the shell, check it is a
 * PNG, hand it to the hub for the job, and report only its size. Refuses while a citizen uses the
 * kiosk: the job runner checked before it claimed the job, and a session may have begun since.
 */
export function screenshotCapability(deps: {
  readonly capture: () => Promise<Uint8Array>;
  readonly upload: (jobId: string, png: Uint8Array) => Promise<void>;
  readonly sessionActive: () => boolean;
}): (jobId: string) => Promise<JobResult> {
  return async (jobId) => {
    if (deps.sessionActive()) throw new Error('session-active: screenshots are only taken when no citizen is using the kiosk');
    const png = await deps.capture();
    // A citizen may have touched the screen while it was captured: then the image is not sent.
    if (deps.sessionActive()) throw new Error('session-active: a citizen began a session during the capture; not uploaded');
    const size = readPngSize(png);
    if (size === null) throw new Error('shell-capture-failed: the shell answered with something that is not a PNG');
    await deps.upload(jobId, png);
    return { bytes: png.length, width: size.width, height: size.height };
  };
}
