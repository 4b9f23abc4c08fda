import { extname, join, normalize, sep } from 'node:path';
import { RENDERER_CONTENT_TYPES } from '@kiosk/shared';
import { APP_HOST, APP_SCHEME } from './app-origin.js';


/** The shell's own page, served even when the renderer's files are missing or damaged. */
export const OUT_OF_SERVICE_PATH = '/__shell/out-of-service.html';

export type AppResponse =
  | { readonly kind: 'file'; readonly path: string; readonly contentType: string }
  | { readonly kind: 'out-of-service' }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 404 | 405 };

/**
 * Maps an app:// request to a file inside the renderer folder, or refuses it. Only GET on our
 * host; `..` and encoded separators cannot leave the folder.
 */
export function resolveAppRequest(request: { url: string; method: string }, rendererDir: string): AppResponse {
  if (request.method !== 'GET' && request.method !== 'HEAD') return { kind: 'refused', status: 405 };
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'refused', status: 403 };
  if (url.pathname === OUT_OF_SERVICE_PATH) return { kind: 'out-of-service' };
  let relative: string;
  try {
    relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    return { kind: 'refused', status: 400 };
  }
  const root = normalize(rendererDir);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep) || relative.includes('\0')) return { kind: 'refused', status: 403 };
  return { kind: 'file', path: file, contentType: RENDERER_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
}

/**
 * A calm page in the kiosk's main languages, with no script and nothing to press: staff are told
 * through the heartbeat, and the shell tries again by itself.
 */
export function outOfServicePage(): string {
  const lines = [
    ['es', 'Este punto de atención no está disponible ahora mismo. Por favor, acuda a un mostrador.'],
    ['ca', 'Aquest punt d’atenció no està disponible ara mateix. Si us plau, adreceu-vos a un taulell.'],
    ['eu', 'Arreta-gune hau ez dago erabilgarri une honetan. Mesedez, joan mahai batera.'],
    ['gl', 'Este punto de atención non está dispoñible agora mesmo. Por favor, acuda a un mostrador.'],
    ['en', 'This kiosk is out of service right now. Please ask at a service desk.'],
    ['fr', 'Cette borne est hors service pour le moment. Veuillez vous adresser à un guichet.'],
  ];
  const paragraphs = lines.map(([lang, text]) => `<p lang="${lang}">${text}</p>`).join('\n');
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Fuera de servicio</title>
<style>body{margin:0;display:flex;flex-direction:column;justify-content:center;min-height:100vh;padding:4rem;box-sizing:border-box;font:1.6rem/1.5 sans-serif;background:#fff;color:#111}p{margin:0 0 1.2rem}p:first-child{font-size:2.2rem;font-weight:bold}</style>
</head><body>
${paragraphs}
<p lang="ar" dir="rtl">هذا الجهاز خارج الخدمة حاليًا. يرجى التوجه إلى أحد المكاتب.</p>
</body></html>`;
}
