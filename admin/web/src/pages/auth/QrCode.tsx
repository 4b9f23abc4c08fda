import { useMemo } from 'react';
import { create } from 'qrcode';

/** Quiet zone the QR specification asks for around the symbol, in modules. */
const MARGIN = 4;

/**
 * A QR code drawn as inline SVG (the console's CSP allows no data: images). One path of unit
 * squares: crisp at any zoom, and nothing leaves the browser.
 */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { path, width } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const squares: string[] = [];
    for (let row = 0; row < modules.size; row += 1) {
      for (let column = 0; column < modules.size; column += 1) {
        if (modules.get(row, column)) squares.push(`M${column + MARGIN} ${row + MARGIN}h1v1h-1z`);
      }
    }
    return { path: squares.join(''), width: modules.size + 2 * MARGIN };
  }, [text]);
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${width} ${width}`} shapeRendering="crispEdges" data-testid="console-totp-qr">
      <rect width={width} height={width} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
