import { codePageForEscT, decodeByte, POWER_ON_CODE_PAGE, type CodePageName } from '../printer/code-pages.js';
import { GLYPH_WIDTH } from '../printer/bitmap-font.js';
import type { EscPosCommand, RasterImage } from './escpos-commands.js';

/**
 * The emulated print head and paper: applies printing commands and collects what would come out,
 * as decoded text lines and symbols. One receipt ends at a cut.
 *
 * A line has one style. It is the style of its first non-blank character, because libraries that
 * centre text themselves send the padding before switching to bold or double size; the padding is
 * then re-counted in cells of that style so the text keeps its place on the paper.
 */

export type PaperLine =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly align: 'left' | 'center' | 'right';
      readonly bold: boolean;
      readonly widthMultiplier: number;
      readonly heightMultiplier: number;
    }
  | {
      readonly kind: 'qr';
      readonly payload: string;
      readonly moduleSize: number;
      readonly errorLevel: string;
      readonly align: 'left' | 'center' | 'right';
    }
  | { readonly kind: 'barcode'; readonly type: number; readonly data: string; readonly align: 'left' | 'center' | 'right' }
  | {
      readonly kind: 'image';
      readonly command: string;
      readonly bytes: number;
      readonly align: 'left' | 'center' | 'right';
      /** The dots, for the images the emulator draws; absent for the ones it only skips. */
      readonly raster?: RasterImage;
    };

export interface PaperContent {
  readonly lines: PaperLine[];
  readonly qrPayloads: string[];
}

const ALIGNMENTS = ['left', 'center', 'right'] as const;
const QR_ERROR_LEVELS = ['L', 'M', 'Q', 'H'] as const;
/** Tab stops every 8 columns: the printer default. */
const TAB_WIDTH = 8;

interface Modes {
  codePage: CodePageName | null;
  align: (typeof ALIGNMENTS)[number];
  bold: boolean;
  widthMultiplier: number;
  heightMultiplier: number;
}

const powerOnModes = (): Modes => ({
  codePage: POWER_ON_CODE_PAGE,
  align: 'left',
  bold: false,
  widthMultiplier: 1,
  heightMultiplier: 1,
});

// Bytes are data, not text: latin1 keeps each byte as one character (QR payloads may be binary).
const bytesAsText = (bytes: Buffer): string => bytes.toString('latin1');

export class Paper {
  private modes = powerOnModes();
  private lineText = '';
  private lineModes: Modes | null = null;
  /** Print position on the current line, in dots (Font A cells are GLYPH_WIDTH dots wide). */
  private lineDots = 0;
  private lines: PaperLine[] = [];
  private qrPayloads: string[] = [];
  private qr = { stored: null as Buffer | null, moduleSize: 3, errorLevel: 'L' as string };
  /** Code pages asked for that the emulator cannot decode (shown as U+FFFD). */
  unsupportedCodePages = new Set<number>();

  /** Applies one command; returns the finished receipt's content when it was a cut. */
  apply(command: EscPosCommand): PaperContent | null {
    switch (command.kind) {
      case 'text':
        for (const byte of command.bytes) this.put(decodeByte(this.modes.codePage, byte));
        return null;
      case 'tab':
        for (let i = TAB_WIDTH - (this.lineText.length % TAB_WIDTH); i > 0; i -= 1) this.put(' ');
        return null;
      case 'position':
        this.moveTo(command.from === 'line-start' ? command.dots : this.lineDots + command.dots);
        return null;
      case 'line-feed':
        this.endLine();
        return null;
      case 'feed-lines':
        this.endLine();
        for (let i = 1; i < command.n; i += 1) this.endLine();
        return null;
      case 'init':
        this.modes = powerOnModes();
        this.qr = { stored: null, moduleSize: 3, errorLevel: 'L' };
        return null;
      case 'code-page': {
        this.modes.codePage = codePageForEscT(command.n);
        if (this.modes.codePage === null) this.unsupportedCodePages.add(command.n);
        return null;
      }
      case 'print-mode':
        this.modes.bold = (command.n & 0x08) !== 0;
        this.modes.heightMultiplier = (command.n & 0x10) !== 0 ? 2 : 1;
        this.modes.widthMultiplier = (command.n & 0x20) !== 0 ? 2 : 1;
        return null;
      case 'emphasis':
        this.modes.bold = command.on;
        return null;
      case 'align':
        // ESC a takes 0-2 or their ASCII digits '0'-'2'.
        this.modes.align = ALIGNMENTS[command.n % 48] ?? 'left';
        return null;
      case 'char-size':
        this.modes.widthMultiplier = ((command.n >> 4) & 0x07) + 1;
        this.modes.heightMultiplier = (command.n & 0x07) + 1;
        return null;
      case 'qr':
        this.applyQr(command.fn, command.data);
        return null;
      case 'barcode':
        this.endLineIfAny();
        this.lines.push({ kind: 'barcode', type: command.type, data: bytesAsText(command.data), align: this.modes.align });
        return null;
      case 'raster':
        this.endLineIfAny();
        this.lines.push({
          kind: 'image',
          command: command.command,
          bytes: command.payloadBytes,
          align: this.modes.align,
          ...(command.image ? { raster: command.image } : {}),
        });
        return null;
      case 'cut':
        return this.cut();
      default:
        return null;
    }
  }

  /** Whether anything has been printed since the last cut. */
  hasContent(): boolean {
    return this.lines.length > 0 || this.lineText.length > 0;
  }

  /** Takes what is on the paper without a cut (a job dropped half-way). */
  tearOff(): PaperContent {
    this.endLineIfAny();
    const content = { lines: this.lines, qrPayloads: this.qrPayloads };
    this.lines = [];
    this.qrPayloads = [];
    return content;
  }

  private cut(): PaperContent {
    return this.tearOff();
  }

  private applyQr(fn: number, data: Buffer): void {
    const value = data[0] ?? 0;
    if (fn === 0x43) this.qr.moduleSize = value;
    else if (fn === 0x45) this.qr.errorLevel = QR_ERROR_LEVELS[value - 48] ?? '?';
    else if (fn === 0x50) this.qr.stored = data;
    else if (fn === 0x51 && this.qr.stored !== null) {
      this.endLineIfAny();
      const payload = bytesAsText(this.qr.stored);
      this.lines.push({ kind: 'qr', payload, moduleSize: this.qr.moduleSize, errorLevel: this.qr.errorLevel, align: this.modes.align });
      this.qrPayloads.push(payload);
    }
  }

  private cellDots(): number {
    return GLYPH_WIDTH * this.modes.widthMultiplier;
  }

  private put(char: string): void {
    if (this.lineModes === null) {
      this.lineModes = { ...this.modes };
    } else if (char !== ' ' && this.lineText.trim() === '' && !sameStyle(this.lineModes, this.modes)) {
      this.lineText = ' '.repeat(Math.round(this.lineDots / this.cellDots()));
      this.lineModes = { ...this.modes };
    }
    this.lineText += char;
    this.lineDots += this.cellDots();
  }

  /**
   * Moves right by printing blanks. Moving left would overprint, which a text line cannot show:
   * the position is kept and the move ignored.
   */
  private moveTo(targetDots: number): void {
    const blanks = Math.round((targetDots - this.lineDots) / this.cellDots());
    for (let i = 0; i < blanks; i += 1) this.put(' ');
    if (blanks > 0) this.lineDots = targetDots;
  }

  private endLineIfAny(): void {
    if (this.lineText.length > 0) this.endLine();
  }

  private endLine(): void {
    const modes = this.lineModes ?? this.modes;
    this.lines.push({
      kind: 'text',
      text: this.lineText,
      align: modes.align,
      bold: modes.bold,
      widthMultiplier: modes.widthMultiplier,
      heightMultiplier: modes.heightMultiplier,
    });
    this.lineText = '';
    this.lineModes = null;
    this.lineDots = 0;
  }
}

function sameStyle(a: Modes, b: Modes): boolean {
  return a.bold === b.bold && a.widthMultiplier === b.widthMultiplier && a.heightMultiplier === b.heightMultiplier && a.align === b.align;
}
