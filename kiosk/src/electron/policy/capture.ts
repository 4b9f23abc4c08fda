import { SCREENSHOT_MAX_WIDTH } from '@kiosk/shared';

/**
 * The parts of Electron's NativeImage a screenshot needs (webContents.capturePage() gives one);
 * tests pass a fake, so the sizing rule is checked without Electron.
 */
export interface CapturedImage {
  isEmpty(): boolean;
  getSize(): { width: number; height: number };
  resize(options: { width: number }): CapturedImage;
  toPNG(): Buffer;
}

/**
 * A captured kiosk window as the PNG the hub keeps: at most `maxWidth` px wide (aspect kept: the
 * hub's 2 MB limit and the console's page need no full-resolution image), base64 for the message
 * to the agent. Throws on an empty capture (a window that is not painted yet).
 */
export function screenshotPng(image: CapturedImage, maxWidth = SCREENSHOT_MAX_WIDTH): string {
  if (image.isEmpty()) throw new Error('the kiosk window gave an empty capture');
  const { width } = image.getSize();
  const sized = width > maxWidth ? image.resize({ width: maxWidth }) : image;
  return sized.toPNG().toString('base64');
}
