/** Which scanner the agent opens, from the environment (see README.md). */
export type ScannerSettings =
  | { readonly kind: 'off' }
  | {
      readonly kind: 'serial';
      readonly path: string;
      readonly baudRate: number | null;
      /** Longest pause between reopen attempts after an unplug; absent: the hardware default (5 s). Tests shorten it. */
      readonly reopenMaxMs?: number;
    }
  | {
      /** A camera whose capture process keeps overwriting one PNG (hardware StillFileFrameSource). */
      readonly kind: 'camera-file';
      readonly path: string;
      /** How often the file is looked at; absent: the hardware default (175 ms). */
      readonly pollMs?: number;
      /** No new frame for this long is `no-frames` (offline); absent: the hardware default (5 s). Tests shorten it. */
      readonly staleAfterMs?: number;
    };

export const SCANNER_OFF: ScannerSettings = { kind: 'off' };

const SERIAL = /^serial:(\/[^@]+)(?:@(\d+))?$/;
const CAMERA_FILE = /^camera-file:(.*)$/;
const FORMS = '"off", "serial:/absolute/path[@baud]" or "camera-file:/absolute/path.png"';

/**
 * KIOSK_SCANNER=serial:/dev/ttyACM0[@9600] | camera-file:/run/kiosk/camera.png | off (default off).
 * SCANNER_PATH=/tmp/ttyScanner, what `npm run sim -- scanner` prints, is shorthand for serial at
 * that path when KIOSK_SCANNER is unset.
 */
export function scannerSettingsFromEnv(env: NodeJS.ProcessEnv): ScannerSettings {
  const raw = env.KIOSK_SCANNER?.trim() || (env.SCANNER_PATH?.trim() ? `serial:${env.SCANNER_PATH.trim()}` : 'off');
  if (raw === 'off') return SCANNER_OFF;
  const camera = CAMERA_FILE.exec(raw);
  if (camera !== null) return cameraFileSettings(camera[1] ?? '');
  const match = SERIAL.exec(raw);
  if (match === null) {
    throw new Error(`KIOSK_SCANNER must be ${FORMS}, got "${raw}"`);
  }
  const baudRate = match[2] === undefined ? null : Number(match[2]);
  if (baudRate !== null && (!Number.isSafeInteger(baudRate) || baudRate < 300)) {
    throw new Error(`KIOSK_SCANNER baud rate must be a whole number of at least 300, got "${match[2]}"`);
  }
  return { kind: 'serial', path: match[1] ?? '', baudRate };
}

function cameraFileSettings(path: string): ScannerSettings {
  if (!path.startsWith('/')) {
    throw new Error(`KIOSK_SCANNER camera-file needs an absolute path (the still image the capture process writes), got "${path}"`);
  }
  if (path.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`KIOSK_SCANNER camera-file path must not contain "." or ".." segments, got "${path}"`);
  }
  if (!/[^/]\.png$/i.test(path)) {
    throw new Error(`KIOSK_SCANNER camera-file must name a .png file (only PNG frames are decoded, e.g. ffmpeg ... -update 1 /run/kiosk/camera.png), got "${path}"`);
  }
  return { kind: 'camera-file', path };
}
