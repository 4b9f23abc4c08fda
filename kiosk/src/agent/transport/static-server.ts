import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { RENDERER_CONTENT_TYPES, RENDERER_CSP } from '@kiosk/shared';

/**
 * Serves the built renderer. index.html gets the per-boot token in place of %KIOSK_TOKEN%; any
 * path outside the renderer folder is refused.
 */
export function createRendererServer(options: { rendererDir: string; token: string }): Server {
  const root = normalize(options.rendererDir);
  return createServer((request, response) => {
    void (async () => {
      const headers = {
        'content-security-policy': RENDERER_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      };
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, headers).end();
        return;
      }
      const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (pathname === '/healthz') {
        response.writeHead(200, { ...headers, 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
      const file = normalize(join(root, relative));
      if (!file.startsWith(root + sep)) {
        response.writeHead(403, headers).end();
        return;
      }
      try {
        let body: Buffer | string = await readFile(file);
        if (relative === 'index.html') body = body.toString('utf8').replaceAll('%KIOSK_TOKEN%', options.token);
        response.writeHead(200, { ...headers, 'content-type': RENDERER_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(request.method === 'HEAD' ? undefined : body);
      } catch {
        const missingBuild = relative === 'index.html';
        response.writeHead(missingBuild ? 503 : 404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        response.end(missingBuild ? `The kiosk renderer is not built (${root}). Run: npm run build -w @kiosk/kiosk` : 'Not found');
      }
    })();
  });
}
