import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import { PROTOCOL_VERSION, type KioskLocale } from '@kiosk/shared';
import { ContentUpdater } from '../../src/agent/content/updater.js';
import { FaqLibrary } from '../../src/agent/handlers/faq.js';
import { KioskHandlerError } from '../../src/agent/handlers/dispatch.js';

// The FAQ journey's agent side over the REAL hub's signed demo bundle: applied by the real
// ContentUpdater, then searched from disk only (the hub is stopped before any search).

let hub: RunningHub;
let hubDir: string;
let kioskDir: string;
let token: string;
const hubSearches = new Map<string, string[]>();
const NAMES = new Map([
  ['street-lighting', 'Alumbrado público'],
  ['litter', 'Limpieza'],
  ['census-certificate', 'Certificado de empadronamiento'],
  ['ibi-question', 'Consultas del IBI'],
]);

/** The hub's own ranking for a query, to compare with the kiosk's offline one. */
async function hubSearch(q: string, locale: KioskLocale): Promise<string[]> {
  const response = await fetch(`${hub.url}/fleet/v1/content/search?${new URLSearchParams({ q, locale, limit: '8' })}`, {
    headers: { authorization: `Bearer ${token}`, 'x-protocol-version': String(PROTOCOL_VERSION) },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: { id: string }[] }).results.map((r) => r.id);
}

const QUERIES: Array<[string, KioskLocale]> = [
  ['empadronamieto', 'es'],
  ['domicilio ibí', 'es'],
  ['FAROLA apagada', 'es'],
  ['muebles', 'es'],
  ['street light', 'en'],
  ['شهادة', 'ar'],
];

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-faq-'));
  kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-faq-'));
  hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none') }), { logger: false });
  token = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8'))).token;
  const updater = new ContentUpdater({ baseUrl: hub.url, token, dataDir: kioskDir });
  expect((await updater.checkNow()).kind).toBe('applied');
  for (const [q, locale] of QUERIES) hubSearches.set(`${locale}:${q}`, await hubSearch(q, locale));
  // From here on the kiosk is offline: every answer below comes from the bundle on disk.
  await hub.close();
});

afterAll(async () => {
  await hub?.close();
  fs.rmSync(hubDir, { recursive: true, force: true });
  fs.rmSync(kioskDir, { recursive: true, force: true });
});

function offlineLibrary(log: (message: string, fields?: Record<string, unknown>) => void = () => {}) {
  // A fresh updater over the same folder, pointed at nothing: it can only read what is on disk.
  const content = new ContentUpdater({ baseUrl: 'http://127.0.0.1:9', token, dataDir: kioskDir });
  return new FaqLibrary({ bundleVersion: () => content.status().version, readFile: (file) => content.readCurrentFile(file), serviceNames: () => NAMES, log });
}

describe('FAQ from the cached content bundle (offline)', () => {
  it('groups every entry under its service, in catalogue order, named in the citizen language', () => {
    const { available, topics } = offlineLibrary().topics('es');
    expect(available).toBe(true);
    expect(topics.map((t) => t.code)).toEqual(['street-lighting', 'litter', 'census-certificate', 'ibi-question']);
    expect(topics[2]).toMatchObject({ name: 'Certificado de empadronamiento' });
    expect(topics[2]?.entries.map((e) => e.id).sort()).toEqual(['demo-census-certificate-sheet', 'demo-census-register-faq']);
    expect(topics.every((t) => t.entries.every((e) => e.title !== '' && e.locale === 'es'))).toBe(true);
  });

  it('finds entries despite a missing letter, accents and case, and ranks them as the hub does', () => {
    const library = offlineLibrary();
    const ids = (q: string, locale: KioskLocale) => library.search(locale, q).results.map((r) => r.id);
    expect(ids('empadronamieto', 'es').slice(0, 2).sort()).toEqual(['demo-census-certificate-sheet', 'demo-census-register-faq']);
    expect(ids('domicilio ibí', 'es')[0]).toBe('demo-ibi-payment-faq');
    for (const [q, locale] of QUERIES) expect(ids(q, locale), `${locale}: ${q}`).toEqual(hubSearches.get(`${locale}:${q}`));
    expect(ids('xyzzy quux', 'es')).toEqual([]);
    expect(ids('   ', 'es')).toEqual([]);
  });

  it('answers one entry in full, in the asked language, and says "not found" for an unknown id', () => {
    const library = offlineLibrary();
    const sheet = library.entry('ar', 'demo-census-certificate-sheet');
    expect(sheet).toMatchObject({ kind: 'procedure', locale: 'ar', serviceCode: 'census-certificate' });
    if (sheet.kind !== 'procedure') throw new Error('a procedure sheet');
    expect(sheet.text.whatToBring.length).toBeGreaterThan(0);
    expect(sheet.text.easyRead).not.toBe('');
    expect(() => library.entry('es', 'no-such-entry')).toThrow(KioskHandlerError);
  });

  it('says "not available" before any bundle, and on a file it cannot read, without logging its text', () => {
    const empty = new FaqLibrary({ bundleVersion: () => null, readFile: () => null, serviceNames: () => NAMES });
    expect(empty.topics('es')).toEqual({ available: false, topics: [] });
    expect(empty.search('es', 'ibi')).toEqual({ results: [] });
    const lines: unknown[] = [];
    const broken = new FaqLibrary({
      bundleVersion: () => 7,
      readFile: () => Buffer.from(JSON.stringify({ locale: 'es', entries: [{ id: 'x', kind: 'faq', text: { question: 'Mi DNI 12345678Z' } }] })),
      serviceNames: () => NAMES,
      log: (message, fields) => lines.push({ message, fields }),
    });
    expect(broken.topics('es').available).toBe(false);
    expect(JSON.stringify(lines)).not.toContain('12345678Z');
  });

  it('re-reads the language file when a new bundle version goes live', () => {
    let version = 1;
    let question = 'Primera pregunta sobre perros';
    const library = new FaqLibrary({
      bundleVersion: () => version,
      readFile: () => Buffer.from(JSON.stringify({ locale: 'es', entries: [{ id: 'q', kind: 'faq', serviceCode: null, version: 1, locale: 'es', text: { question, answer: 'Respuesta.', easyRead: null } }] })),
      serviceNames: () => NAMES,
    });
    expect(library.search('es', 'perros').results).toHaveLength(1);
    question = 'Segunda pregunta sobre gatos';
    expect(library.search('es', 'gatos').results).toHaveLength(0); // same version: cached
    version = 2;
    expect(library.search('es', 'gatos').results.map((r) => r.title)).toEqual(['Segunda pregunta sobre gatos']);
    expect(library.topics('es').topics).toEqual([{ code: 'general', name: null, entries: [expect.objectContaining({ id: 'q' })] }]);
  });
});
