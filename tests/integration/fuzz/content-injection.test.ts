import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub } from '../../../admin/server/test/helpers/hub.js';
import type { TestHub } from '../../../admin/server/test/helpers/hub.js';
import { fleetHeaders, submission } from '../../../admin/server/test/helpers/kiosk.js';
import { ScreenFrame } from '../../../kiosk/src/renderer/components/ScreenFrame.js';

// Text staff or citizens typed, carrying script and HTML, stored through the hub's own APIs and
// read back wherever it is shown: the server-rendered status page escapes it, JSON and XML carry
// it as data, and the React front ends have no raw-HTML sink at all.

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

const PAYLOADS = [
  '<script>alert("x")</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">pulse</a>',
  '</title><style>*{display:none}</style>',
  '<!--',
  ']]><x>&amp;&lt;&#x3C;',
] as const;
const ALL = PAYLOADS.join(' | ');

/** Markup that would run or restyle if a payload reached the page unescaped. */
const LIVE_MARKUP = [/<script/i, /<img/i, /<svg/i, /<a href="javascript:/i, /<style>\*/i, /<x>/];

let hub: TestHub;
let cookie: string;
const CONSOLE = { 'x-requested-with': 'console' };

beforeAll(async () => {
  hub = await createTestHub('sqlite');
  const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'admin', password: hub.adminPassword } });
  cookie = /^(__Host-session=[^;]+);/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
});
afterAll(async () => {
  await hub?.close();
});

const staff = (method: 'GET' | 'POST', url: string, payload?: object) => hub.app.inject({ method, url, headers: { ...CONSOLE, cookie }, ...(payload === undefined ? {} : { payload }) });

describe('script and HTML in content', () => {
  it('a public note with script and HTML is escaped on the status page and exact in Open311 XML', async () => {
    // A citizen's description is refused when it holds markup at all (the shared schema says so).
    const marked = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'injection-0'), payload: submission(hub, 1, { description: ALL }) });
    expect(marked.statusCode).toBe(400);
    expect(marked.body).toContain('must not contain HTML');
    const body = submission(hub, 2);
    const filed = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'injection-1'), payload: body });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = (filed.json() as { serviceRequestId: string }).serviceRequestId;
    const changed = await staff('POST', `/api/workflow/cases/${id}/status`, { detailedStatus: 'in-progress', publicNote: ALL });
    expect(changed.statusCode, changed.body).toBe(200);

    const page = await hub.app.inject({ method: 'GET', url: `/status/${body.localReference}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    for (const live of LIVE_MARKUP) expect(page.body).not.toMatch(live);
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page.body).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // And were anything to slip through, the page's CSP allows no script at all.
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[^ ]+'; /);

    const xml = await hub.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.xml` });
    expect(xml.statusCode, xml.body).toBe(200);
    for (const live of LIVE_MARKUP) expect(xml.body).not.toMatch(live);
    const parsed = new XMLParser({ processEntities: true, htmlEntities: false, parseTagValue: false }).parse(xml.body) as {
      service_requests: { request: { status_notes: string } };
    };
    expect(parsed.service_requests.request.status_notes).toBe(ALL);

    const json = await hub.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['x-content-type-options']).toBe('nosniff');
    expect((json.json() as [{ status_notes: string }])[0].status_notes).toBe(ALL);
  });

  it('an FAQ entry with script and HTML comes back byte for byte, as JSON, never as HTML', async () => {
    const created = await staff('POST', '/api/content', {
      kind: 'faq',
      serviceCode: null,
      translations: { es: { question: `Inyeccion ${PAYLOADS[0]}`, answer: `Respuesta ${ALL}`, easyRead: PAYLOADS[1] } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json() as { id: string; version: number };
    const published = await staff('POST', `/api/content/${entry.id}/publish`, { version: entry.version });
    expect(published.statusCode, published.body).toBe(200);

    const search = await hub.app.inject({ method: 'GET', url: `/public/v1/faq/search?q=${encodeURIComponent('Inyeccion')}&locale=es` });
    expect(search.statusCode, search.body).toBe(200);
    expect(search.headers['content-type']).toMatch(/^application\/json/);
    expect(search.headers['x-content-type-options']).toBe('nosniff');
    expect(search.headers['content-security-policy']).toContain("default-src 'self'");
    const texts = JSON.stringify(search.json());
    expect(texts).toContain(JSON.stringify(`Inyeccion ${PAYLOADS[0]}`).slice(1, -1));

    const stored = await staff('GET', `/api/content/${entry.id}`);
    const translations = (stored.json() as { translations: Record<string, { question: string; answer: string }> }).translations;
    expect(translations['es']?.answer).toBe(`Respuesta ${ALL}`);
  });

  it('the kiosk renders such text as text (React escapes; the screen frame adds no raw HTML)', () => {
    const html = renderToStaticMarkup(createElement(ScreenFrame, { title: ALL, children: createElement('p', null, ALL) }));
    for (const live of LIVE_MARKUP) expect(html).not.toMatch(live);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});

describe('raw-HTML sinks in the front ends', () => {
  const SINKS = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\bsrcDoc\b|new Function\(|\beval\(/;

  function sourcesUnder(dir: string): string[] {
    return fs
      .readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /\.(ts|tsx|html)$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => !file.split(path.sep).some((part) => part === '.tsbuild' || part === 'node_modules' || part === 'dist'));
  }

  it.each(['kiosk/src/renderer', 'admin/web/src'])('%s has none (no dangerouslySetInnerHTML, innerHTML, document.write, eval)', (folder) => {
    const files = sourcesUnder(path.join(REPO, folder));
    expect(files.length).toBeGreaterThan(3);
    const offenders = files.filter((file) => SINKS.test(fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    expect(offenders.map((file) => path.relative(REPO, file))).toEqual([]);
  });
});
