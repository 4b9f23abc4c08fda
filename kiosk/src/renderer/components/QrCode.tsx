import { useMemo } from 'react';
import QRCode from 'qrcode';

/** Quiet zone the QR specification asks for, in modules. */
const QUIET_ZONE = 4;

/**
 * A QR code drawn as SVG squares from the encoder's module matrix: no canvas, no innerHTML,
 * crisp at any size. `label` is what assistive technology announces instead of the pattern.
 */
export function QrCode({ text, label, size, testId }: { text: string; label: string; size: number; testId?: string }) {
  const { cells, count } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const dark: Array<[number, number]> = [];
    for (let row = 0; row < modules.size; row += 1) {
      for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) dark.push([col, row]);
    }
    return { cells: dark, count: modules.size };
  }, [text]);
  const extent = count + QUIET_ZONE * 2;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-payload={text}
      width={size}
      height={size}
      viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${extent} ${extent}`}
      shapeRendering="crispEdges"
    >
      <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={extent} height={extent} fill="#fff" />
      {cells.map(([x, y]) => (
        <rect key={`${x}.${y}`} x={x} y={y} width={1} height={1} fill="#000" />
      ))}
    </svg>
  );
}
