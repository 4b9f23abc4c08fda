/**
 * Total lengths of fixed-length ESC/POS commands that change nothing the emulator shows (spacing,
 * margins, fonts, buzzers, drawer pulses...). Knowing their length is what lets the parser skip
 * them without printing their parameters as text. From the Epson ESC/POS command reference.
 */

/** Fixed-length ESC commands that do not change the emulated paper. Value: total length. */
export const ESC_FIXED_IGNORED: Readonly<Record<number, number>> = {
  0x0c: 2, 0x20: 3, 0x25: 3, 0x32: 2, 0x33: 3, 0x3c: 2, 0x3d: 3, 0x3f: 3, 0x42: 4,
  0x47: 3, 0x4a: 3, 0x4b: 3, 0x4c: 2, 0x4d: 3, 0x52: 3, 0x53: 2, 0x54: 3, 0x55: 3, 0x56: 3,
  0x57: 10, 0x63: 4, 0x65: 3, 0x69: 2, 0x6d: 2, 0x70: 5, 0x72: 3, 0x7b: 3,
};

/** Fixed-length GS commands that do not change the emulated paper. */
export const GS_FIXED_IGNORED: Readonly<Record<number, number>> = {
  0x24: 4, 0x2f: 3, 0x3a: 2, 0x42: 3, 0x45: 3, 0x48: 3, 0x49: 3, 0x4c: 4, 0x50: 4, 0x54: 3,
  0x57: 4, 0x5c: 4, 0x5e: 5, 0x62: 3, 0x63: 2, 0x66: 3, 0x68: 3, 0x77: 3,
};

export const FS_FIXED_IGNORED: Readonly<Record<number, number>> = {
  0x21: 3, 0x26: 2, 0x2d: 3, 0x2e: 2, 0x43: 3, 0x53: 4, 0x57: 3, 0x70: 4,
};
