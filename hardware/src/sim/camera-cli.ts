import { writeFrameFileAtomically } from './frame-files.js';
import { blankFrame, qrFrame } from './frame-qr.js';

/**
 * `npm run sim -- camera --file PATH (--show TEXT | --blank)`
 *
 * Stands in for the capture process of the camera QR scanner (KIOSK_SCANNER=camera-file:PATH):
 * writes one 640x480 camera picture to PATH, atomically as a real capture process should, showing
 * a QR code of TEXT held up to the camera, or (`--blank`) nothing in front of it. The kiosk reads
 * each changed picture once, so showing the same code again after a blank scans it again.
 */

export const CAMERA_USAGE = 'sim camera --file PATH (--show TEXT | --blank)';

export class CameraUsageError extends Error {}

export interface CameraArgs {
  readonly file: string;
  /** null: an empty picture. */
  readonly text: string | null;
}

export function parseCameraArgs(args: readonly string[]): CameraArgs {
  let file: string | null = null;
  let text: string | null = null;
  let blank = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--blank') {
      blank = true;
      continue;
    }
    if (arg !== '--file' && arg !== '--show') throw new CameraUsageError(`unexpected argument: ${arg}`);
    const value = args[i + 1];
    if (value === undefined || value === '') throw new CameraUsageError(`${arg} needs a value`);
    if (arg === '--file') file = value;
    else text = value;
    i += 1;
  }
  if (file === null) throw new CameraUsageError('--file is required: the picture the kiosk watches (KIOSK_SCANNER=camera-file:PATH)');
  if ((text === null) === !blank) throw new CameraUsageError('give exactly one of --show TEXT and --blank');
  return { file, text };
}

/** Frame size of a modest camera; 6-pixel modules leave room for codes of a few hundred characters. */
const PICTURE = { frameWidth: 640, frameHeight: 480, modulePixels: 6, noise: 12 } as const;

export async function runCamera(args: readonly string[]): Promise<void> {
  const { file, text } = parseCameraArgs(args);
  const frame = text === null ? blankFrame(PICTURE.frameWidth, PICTURE.frameHeight) : qrFrame(text, { ...PICTURE, seed: Date.now() });
  await writeFrameFileAtomically(file, frame);
  // The length only: a code may carry personal data, which never goes to logs.
  console.log(text === null ? `camera: an empty picture in ${file}` : `camera: a code of ${text.length} characters in ${file}`);
}
