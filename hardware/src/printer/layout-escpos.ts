import { textDirection } from '@kiosk/shared';
import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { blockColumns, receiptBlocks, wrapText } from './receipt-blocks.js';
import { validateReceipt, type Receipt } from './receipt-model.js';
import { toPrintable } from './code-pages.js';
import { printableDots, type PrinterProfile } from './profile.js';
import { containsArabic } from './arabic-shaping.js';
import { rasterImageCommand, rasterizeText } from './raster-text.js';

/**
 * Receipt -> ESC/POS bytes. node-thermal-printer is only the byte builder: its interface object
 * below is never executed (its own transport hangs and cannot read status, hardware.md).
 */

const BUILDER_ONLY_INTERFACE = {
  execute(): Promise<never> {
    return Promise.reject(new Error('node-thermal-printer is used as a byte builder only'));
  },
  isPrinterConnected(): Promise<boolean> {
    return Promise.resolve(false);
  },
};

/** Lines fed after the last text so the cut does not slice through it. */
export const FEED_BEFORE_CUT_LINES = 2;

function newBuilder(profile: PrinterProfile): ThermalPrinter {
  return new ThermalPrinter({
    type: PrinterTypes.EPSON,
    // The library's typings say string; at runtime it takes any object with execute().
    interface: BUILDER_ONLY_INTERFACE as unknown as string,
    width: profile.columns,
    characterSet: CharacterSet[profile.codePage],
    // We wrap ourselves (same breaks as the text layout); the library must not re-wrap.
    breakLine: BreakLine.NONE,
  });
}

/**
 * The ESC/POS bytes of one receipt: one receipt per buffer, ending with a cut. Validates the
 * receipt first (ASCII-only QR payload). Text with Arabic in it is printed as a raster image
 * (`GS v 0`); other characters the profile's code page cannot print become `?`, so the library
 * never hops code pages behind our back.
 */
export function layoutReceiptEscPos(receipt: Receipt, profile: PrinterProfile): Buffer {
  validateReceipt(receipt);
  const printer = newBuilder(profile);
  const printable = (text: string): string => toPrintable(profile.codePage, text);
  // On a right-to-left receipt, lines that start at the left start at the right instead.
  const rightToLeft = textDirection(receipt.locale) === 'rtl';
  for (const block of receiptBlocks(receipt)) {
    switch (block.kind) {
      case 'rule':
        printer.alignLeft();
        printer.drawLine('-');
        break;
      case 'blank':
        printer.newLine();
        break;
      case 'qr':
        printer.alignCenter();
        printer.printQR(block.payload, {
          cellSize: profile.qrModuleSize,
          correction: profile.qrErrorLevel,
          model: 2,
        });
        printer.newLine();
        break;
      case 'text':
        if (containsArabic(block.text)) {
          // No code page carries Arabic: the text goes as a picture, shaped and right-to-left.
          printer.alignLeft();
          const image = rasterizeText(block.text, printableDots(profile), {
            align: block.align === 'center' ? 'center' : 'start',
            large: block.large === true,
            bold: block.bold === true,
          });
          printer.append(rasterImageCommand(image));
          break;
        }
        if (block.align === 'center') printer.alignCenter();
        else if (rightToLeft) printer.alignRight();
        else printer.alignLeft();
        if (block.large === true) printer.setTextQuadArea();
        if (block.bold === true) printer.bold(true);
        for (const line of wrapText(printable(block.text), blockColumns(block, profile.columns))) {
          printer.println(line);
        }
        if (block.bold === true) printer.bold(false);
        if (block.large === true) printer.setTextNormal();
        break;
    }
  }
  printer.alignLeft();
  for (let i = 0; i < FEED_BEFORE_CUT_LINES; i += 1) printer.newLine();
  if (profile.cut === 'full') printer.cut({ verticalTabAmount: 0 });
  else printer.partialCut({ verticalTabAmount: 0 });
  // The cut appends ESC @, which resets the code page; set it again so that anything sent
  // after this buffer (a second receipt, our GS ( H ack request) decodes correctly.
  printer.setCharacterSet(CharacterSet[profile.codePage]);
  return Buffer.from(printer.getBuffer());
}
