import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { OUT_OF_SERVICE_PATH, outOfServicePage, resolveAppRequest } from '../../src/electron/policy/app-protocol.js';
import { APP_ORIGIN, RENDERER_CSP, RENDERER_RESPONSE_HEADERS } from '../../src/electron/policy/app-origin.js';
import { RENDERER_CSP as AGENT_RENDERER_CSP } from '@kiosk/shared';

const root = '/opt/kiosk/renderer';
const get = (url: string, method = 'GET') => resolveAppRequest({ url, method }, root);

describe('the app:// scheme', () => {
  it('serves files of the renderer folder, index.html at the root', () => {
    expect(get(`${APP_ORIGIN}/`)).toEqual({ kind: 'file', path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(get(`${APP_ORIGIN}/assets/index-abc.js`)).toMatchObject({ kind: 'file', path: join(root, 'assets/index-abc.js'), contentType: 'text/javascript; charset=utf-8' });
  });
  it('never leaves the renderer folder', () => {
    expect(get(`${APP_ORIGIN}/../../etc/passwd`)).toMatchObject({ kind: 'file', path: join(root, 'etc/passwd') }); // URL parsing removes the dots
    expect(get(`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`)).toMatchObject({ kind: 'file', path: join(root, 'etc/passwd') });
    expect(get(`${APP_ORIGIN}/assets/..%2f..%2f..%2fetc%2fpasswd`)).toEqual({ kind: 'refused', status: 403 });
    expect(get(`${APP_ORIGIN}/%E0%A4%A`)).toEqual({ kind: 'refused', status: 400 });
  });
  it('answers only GET and HEAD, only for our host', () => {
    expect(get(`${APP_ORIGIN}/index.html`, 'POST')).toEqual({ kind: 'refused', status: 405 });
    expect(get('app://other/index.html')).toEqual({ kind: 'refused', status: 403 });
    expect(get(`${APP_ORIGIN}/index.html`, 'HEAD')).toMatchObject({ kind: 'file' });
  });
  it('serves the shell’s out-of-service page even without a renderer build', () => {
    expect(get(`${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`)).toEqual({ kind: 'out-of-service' });
    const page = outOfServicePage();
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('lang="es"');
    expect(page).toContain('dir="rtl"');
  });
  it('sends the shared renderer CSP (the agent’s server sends the same one), as a response header', () => {
    expect(RENDERER_CSP).toBe(AGENT_RENDERER_CSP);
    expect(RENDERER_CSP).toMatch(/script-src 'self'(;|$)/);
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|\*/);
    expect(RENDERER_RESPONSE_HEADERS['content-security-policy']).toBe(RENDERER_CSP);
    expect(RENDERER_RESPONSE_HEADERS['x-content-type-options']).toBe('nosniff');
  });
});
