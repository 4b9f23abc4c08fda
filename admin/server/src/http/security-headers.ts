import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** Sent on every answer, errors and 404s included (onSend runs for all of them). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * For a server-rendered page with one inline <style>: nothing may load but that exact stylesheet
 * (allowed by its hash), so the page styles itself without opening 'unsafe-inline'.
 */
export function inlineStylePageCsp(css: string): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    // A route that set a stricter policy of its own (inlineStylePageCsp) keeps it.
    const { 'content-security-policy': csp, ...rest } = SECURITY_HEADERS;
    if (!reply.hasHeader('content-security-policy') && csp !== undefined) reply.header('content-security-policy', csp);
    reply.headers(rest);
    return payload;
  });
}
