import { useMemo, type CSSProperties } from 'react';
import QRCode from 'qrcode';

/** Quiet zone the QR specification asks for, in modules. */
const QUIET_ZONE = 4;

/**
 * A QR code drawn as one SVG path from the encoder's module matrix: no canvas, no innerHTML.
 * `size` is an upper bound: the drawn size is the largest whole number of pixels per module that
 * fits, so every module is the same sharp square (a fractional scale snaps some modules a pixel
 * wider than others, which costs phone cameras reads). `label` is what assistive technology
 * announces instead of the pattern. CSS may shrink it further by whole modules (--qr-extent).
 */
export function QrCode({ text, label, size, testId }: { text: string; label: string; size: number; testId?: string }) {
  const { path, count } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row += 1) {
      for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) d += `M${col} ${row}h1v1h-1z`;
    }
    return { path: d, count: modules.size };
  }, [text]);
  const extent = count + QUIET_ZONE * 2;
  const drawn = Math.max(1, Math.floor(size / extent)) * extent;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-payload={text}
      width={drawn}
      height={drawn}
      style={{ '--qr-extent': `${extent}px` } as CSSProperties}
      viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${extent} ${extent}`}
      shapeRendering="crispEdges"
    >
      <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
