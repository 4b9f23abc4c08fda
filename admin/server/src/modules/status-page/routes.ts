import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DEFAULT_LOCALE, parseReference, textDirection, type KioskLocale } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { negotiateLocale } from '../../http/locale.js';
import { inlineStylePageCsp } from '../../http/security-headers.js';
import { formatInTimeZone } from '../../http/time.js';
import { serviceNames } from '../catalog/service.js';
import { caseHistories } from '../cases/service.js';
import type { HistoryRow } from '../cases/history-repository.js';
import { STATUS_PAGE_TEXT } from './messages.js';
import { findPublicCase, type PublicCaseRow } from './repository.js';

/** The page's only styling, inline and allowed by its hash (no 'unsafe-inline'). */
const PAGE_CSS = 'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}dt{font-weight:700;margin-top:1rem}dd{margin:0;font-size:1.25rem}.ref{font-family:monospace;font-size:1.5rem;letter-spacing:.05em}';
const PAGE_CSP = inlineStylePageCsp(PAGE_CSS);

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(locale: KioskLocale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style>
</head><body>${body}</body></html>`;
}

function renderCase(locale: KioskLocale, row: PublicCaseRow, serviceName: string, history: readonly HistoryRow[]): string {
  const t = STATUS_PAGE_TEXT[locale];
  // Dates as a person reads them in their language, in the municipality's zone; the machine form
  // (ISO with offset) stays in the datetime attribute.
  const readable = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: row.time_zone });
  const when = (iso: string) => `<time datetime="${escapeHtml(formatInTimeZone(iso, row.time_zone))}">${escapeHtml(readable.format(new Date(iso)))}</time>`;
  const statusWord = (status: string) => escapeHtml(status === 'closed' ? t.closed : t.open);
  // Only public notes: internal remarks live elsewhere and never reach this page.
  const entries = history
    .map((entry) => `<li data-testid="status-history-entry">${when(entry.created_at)} - ${statusWord(entry.status)}${entry.public_note ? `: ${escapeHtml(entry.public_note)}` : ''}</li>`)
    .join('');
  return page(
    locale,
    t.title,
    `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(row.tenant_name)}</p><dl>
<dt>${escapeHtml(t.reference)}</dt><dd class="ref" data-testid="status-reference">${escapeHtml(row.local_reference ?? '')}</dd>
<dt>${escapeHtml(t.service)}</dt><dd>${escapeHtml(serviceName)}</dd>
<dt>${escapeHtml(t.status)}</dt><dd data-testid="status-value" data-status="${escapeHtml(row.status)}">${escapeHtml(row.status === 'closed' ? t.closed : t.open)}</dd>
<dt>${escapeHtml(t.received)}</dt><dd>${when(row.requested_at)}</dd>
<dt>${escapeHtml(t.updated)}</dt><dd>${when(row.updated_at)}</dd>
${row.expected_at ? `<dt>${escapeHtml(t.expected)}</dt><dd data-testid="status-expected">${when(row.expected_at)}</dd>` : ''}</dl>
${entries ? `<h2>${escapeHtml(t.history)}</h2><ol>${entries}</ol>` : ''}`,
  );
}

/**
 * The public status page a receipt's QR code opens: no login, no personal data, in the citizen's
 * language (`?lang=` or Accept-Language). The hub issue grows it (public notes, expected date).
 */
export function statusPageRoutes(db: HubDb): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { reference: string }; Querystring: { lang?: string } }>(
      '/status/:reference',
      {
        schema: {
          params: z.object({ reference: z.string().max(64) }),
          querystring: z.object({ lang: z.string().max(35).optional() }),
          response: { 200: z.string(), 404: z.string() },
        },
      },
      async (request, reply) => {
        const locale = negotiateLocale(request.query.lang, request.headers['accept-language'], DEFAULT_LOCALE);
        const t = STATUS_PAGE_TEXT[locale];
        const parsed = parseReference(request.params.reference);
        const row = parsed.ok ? await findPublicCase(db, parsed.reference.display) : undefined;
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', PAGE_CSP);
        if (!row) {
          return reply.code(404).send(page(locale, t.notFound, `<h1>${escapeHtml(t.notFound)}</h1><p>${escapeHtml(t.notFoundHelp)}</p>`));
        }
        const [names, histories] = await Promise.all([serviceNames(db, row.tenant_id, locale, DEFAULT_LOCALE), caseHistories(db, row.tenant_id, [row.id])]);
        return reply.send(renderCase(locale, row, names.get(row.service_code) ?? row.service_code, histories.get(row.id) ?? []));
      },
    );
  };
}
