import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';

/** Shown at / when admin/web has not been built: says how to build it, nothing else. */
export const CONSOLE_MISSING_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Kiosk hub</title></head>
<body>
<h1>The hub is running</h1>
<p>The staff console is not built yet. Build it with <code>npm run build -w @kiosk/console</code>
(from the repository root) and restart the hub.</p>
<p>Health: <a href="/healthz">/healthz</a>. Open311: <a href="/open311/v2/discovery.json">/open311/v2/discovery.json</a>.</p>
</body>
</html>
`;

export function consoleIsBuilt(consoleDir: string): boolean {
  return fs.existsSync(path.join(consoleDir, 'index.html'));
}

/** Where the console's single-page app lives; its router uses the same base (admin/web/src/shell/router.tsx). */
export const CONSOLE_PREFIX = '/console/';

/**
 * Serves the built console (admin/web/dist) under /console/, with index.html for every other
 * path below it so deep links (/console/fleet/kiosk-1, the enrolment QR's /console/enrol?code=)
 * open the right page; / redirects there. Without a build, / says how to build it.
 */
export function consolePlugin(consoleDir: string): FastifyPluginAsync {
  return async (app) => {
    if (consoleIsBuilt(consoleDir)) {
      // sendFile only (no routes) for index.html; assets are looked up per request (wildcard), so a
      // rebuild of the console under a running hub serves the new files instead of 404s.
      await app.register(fastifyStatic, { root: consoleDir, serve: false });
      await app.register(fastifyStatic, { root: path.join(consoleDir, 'assets'), prefix: `${CONSOLE_PREFIX}assets/`, decorateReply: false, wildcard: true, index: false });
      const page = { schema: { response: { 200: z.string() } } };
      const sendPage = async (_request: unknown, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
      app.get('/console/', page, sendPage);
      app.get('/console/*', page, sendPage);
      app.get('/console', async (_request, reply) => reply.redirect(CONSOLE_PREFIX));
      app.get('/', async (_request, reply) => reply.redirect(CONSOLE_PREFIX));
      return;
    }
    app.get('/', { schema: { response: { 200: z.string() } } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(CONSOLE_MISSING_PAGE),
    );
  };
}
