import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Sent on every answer, errors and 404s included (onSend runs for all of them). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * On HTTPS answers only: browsers ignore HSTS over plain HTTP (RFC 6797 section 8.1), and a hub
 * without TLS must not promise it. Two years, as OWASP's HSTS cheat sheet recommends.
 */
export const HSTS_HEADER = 'max-age=63072000; includeSubDomains';

/**
 * For a server-rendered page with one inline <style>: nothing may load but that exact stylesheet
 * (allowed by its hash), so the page styles itself without opening 'unsafe-inline'.
 */
export function inlineStylePageCsp(css: string): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}

/** For the few answers no onSend hook sees (Fastify's framework errors); every other answer gets them from the hook. */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  // A route that set a stricter policy of its own (inlineStylePageCsp) keeps it.
  const { 'content-security-policy': csp, ...rest } = SECURITY_HEADERS;
  if (!reply.hasHeader('content-security-policy') && csp !== undefined) reply.header('content-security-policy', csp);
  reply.headers(rest);
  // request.protocol reads the socket itself (trustProxy is off), so a forged header cannot add it.
  if (request.protocol === 'https') reply.header('strict-transport-security', HSTS_HEADER);
}

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(request, reply);
    return payload;
  });
}
