import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
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

/** Serves the built console (admin/web/dist) at /, or a page saying how to build it. */
export function consolePlugin(consoleDir: string): FastifyPluginAsync {
  return async (app) => {
    if (consoleIsBuilt(consoleDir)) {
      await app.register(fastifyStatic, { root: consoleDir, prefix: '/', index: 'index.html' });
      return;
    }
    app.get('/', { schema: { response: { 200: z.string() } } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(CONSOLE_MISSING_PAGE),
    );
  };
}
