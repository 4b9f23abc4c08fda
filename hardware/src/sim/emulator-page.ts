import type { EmulatorState } from './emulator-state.js';
import type { PaperLine } from './paper.js';
import type { EmulatedReceipt } from './receipt-store.js';

/** The emulator's HTML page: receipts drawn as a paper roll. Everything printed is escaped. */

/** The page reloads itself this often so a demo shows new receipts without a click. */
export const PAGE_REFRESH_SECONDS = 3;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderLine(line: PaperLine): string {
  switch (line.kind) {
    case 'text': {
      const style = [
        `text-align:${line.align}`,
        line.bold ? 'font-weight:bold' : '',
        line.widthMultiplier > 1 || line.heightMultiplier > 1 ? `font-size:${Math.max(line.widthMultiplier, line.heightMultiplier)}em` : '',
      ]
        .filter(Boolean)
        .join(';');
      return `<div class="line" style="${style}">${escapeHtml(line.text) || '&nbsp;'}</div>`;
    }
    case 'qr':
      return `<div class="symbol">[QR ${escapeHtml(line.errorLevel)}/${line.moduleSize}] ${escapeHtml(line.payload)}</div>`;
    case 'barcode':
      return `<div class="symbol">[barcode ${line.type}] ${escapeHtml(line.data)}</div>`;
    case 'image':
      return `<div class="symbol">[image: ${escapeHtml(line.command)}, ${line.bytes} bytes]</div>`;
  }
}

function renderReceipt(receipt: EmulatedReceipt, pngPath: ((id: string) => string) | null): string {
  const cut = receipt.cut ? '<div class="cut">- - - - - cut - - - - -</div>' : '<div class="torn">(no cut: job interrupted)</div>';
  // The PNG is what the paper looks like; the decoded text stays below it for searching and copying.
  const picture =
    pngPath === null
      ? ''
      : `<img class="paper" src="${escapeHtml(pngPath(receipt.id))}" alt="receipt ${escapeHtml(receipt.id)} as printed">`;
  const text = `<details${pngPath === null ? ' open' : ''}><summary>decoded text</summary>${receipt.lines.map(renderLine).join('')}</details>`;
  return `<section class="receipt"><header>#${escapeHtml(receipt.id)} ${escapeHtml(receipt.receivedAt)}</header>${picture}${text}${cut}</section>`;
}

export function renderReceiptsPage(
  receipts: readonly EmulatedReceipt[],
  state: EmulatorState,
  pngPath: ((id: string) => string) | null = null,
): string {
  const stateText = escapeHtml(JSON.stringify(state));
  const body = receipts.length === 0 ? '<p>No receipts yet.</p>' : [...receipts].reverse().map((r) => renderReceipt(r, pngPath)).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${PAGE_REFRESH_SECONDS}">
<title>ESC/POS printer emulator</title>
<style>
body{font-family:sans-serif;background:#ddd;margin:1em}
.paper{display:block;width:100%;image-rendering:pixelated;border-bottom:1px dashed #bbb}
.receipt{background:#fff;width:576px;padding:1em;margin:1em auto;font-family:monospace;white-space:pre-wrap;box-shadow:0 1px 4px #888}
.receipt header{color:#888;font-size:.8em;margin-bottom:.5em}
.symbol{border:1px dashed #444;margin:.3em 0;padding:.3em;word-break:break-all;text-align:center}
.cut{color:#888;text-align:center;margin-top:.5em}.torn{color:#b00;text-align:center}
</style></head>
<body><h1>ESC/POS printer emulator</h1><p>State: <code>${stateText}</code></p>${body}</body></html>`;
}
