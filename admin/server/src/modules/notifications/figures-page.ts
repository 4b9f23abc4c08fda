import { textDirection } from '@kiosk/shared';
import type { KioskLocale } from '@kiosk/shared';
import type { Figures } from './figures.js';
import { FIGURES_PAGE_TEXT } from './figures-text.js';

/** The page's only styling, inline and allowed by its hash in the route's CSP. */
export const FIGURES_PAGE_CSS = 'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.5rem;text-align:start}';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function number(locale: KioskLocale, value: number, fractionDigits: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value);
}

/** The public /figures page: one table, no script, readable on a phone. */
export function renderFiguresPage(figures: Figures, municipality: string): string {
  const locale = figures.locale;
  const t = FIGURES_PAGE_TEXT[locale];
  const days = (value: number | null) => (value === null ? '–' : `${number(locale, value, 1)} ${t.days}`);
  const rows = figures.services
    .map((s) => {
      const cells =
        s.medianDays === null
          ? `<td colspan="4">${escapeHtml(t.tooFew)}</td>`
          : `<td>${escapeHtml(days(s.medianDays))}</td><td>${escapeHtml(days(s.p90Days))}</td><td>${escapeHtml(days(s.slaDays))}</td>` +
            `<td>${s.withinSlaShare === null ? '–' : escapeHtml(new Intl.NumberFormat(locale, { style: 'percent' }).format(s.withinSlaShare))}</td>`;
      return `<tr data-service="${escapeHtml(s.serviceCode)}"><th scope="row">${escapeHtml(s.name)}</th><td>${number(locale, s.closedCount, 0)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t.title)}</title>
<style>${FIGURES_PAGE_CSS}</style>
</head><body><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(municipality)}. ${escapeHtml(t.intro.replace('{days}', String(figures.windowDays)))}</p>
<table><thead><tr><th scope="col">${escapeHtml(t.service)}</th><th scope="col">${escapeHtml(t.closed)}</th><th scope="col">${escapeHtml(t.median)}</th><th scope="col">${escapeHtml(t.p90)}</th><th scope="col">${escapeHtml(t.sla)}</th><th scope="col">${escapeHtml(t.withinSla)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`;
}
