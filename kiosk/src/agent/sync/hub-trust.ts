import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';

/**
 * HUB_CA_FILE: a PEM bundle of CAs the agent trusts for the hub in addition to the system ones (a
 * town hall's own CA, or the hub's self-signed certificate). Certificates are always verified;
 * this only widens whom the agent believes.
 *
 * Why not a fetch option: Node 20's fetch takes its trust store from the process
 * (NODE_EXTRA_CA_CERTS, read once at start-up) and a per-call CA needs the undici package. So
 * https requests go through node:https with the system roots plus the bundle, behind fetch's own
 * signature, and every caller (HubClient, ContentClient, whatever is added later) is covered.
 */

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function readCaBundle(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`HUB_CA_FILE ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`HUB_CA_FILE ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return pem;
}

function responseOf(message: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const status = message.statusCode ?? 502;
  if (NULL_BODY_STATUSES.has(status) || method === 'HEAD') {
    message.resume();
    return new Response(null, { status, statusText: message.statusMessage ?? '', headers });
  }
  const body = Readable.toWeb(message) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status, statusText: message.statusMessage ?? '', headers });
}

/** fetch with `caPem` trusted next to the system roots for https; anything else goes to `fallback`. */
export function createTrustedFetch(caPem: string, fallback: typeof fetch = globalThis.fetch): typeof fetch {
  const ca = [...rootCertificates, caPem];
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== 'https:') return fallback(request);
    const body = request.body === null ? null : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return new Promise<Response>((resolve, reject) => {
      const outgoing = httpsRequest(url, { method: request.method, headers, ca, signal: request.signal }, (message) => resolve(responseOf(message, request.method)));
      // The same shape as fetch's failures: a TypeError whose cause carries the TLS or socket code.
      outgoing.on('error', (error) => reject(request.signal.aborted ? (request.signal.reason as unknown) : new TypeError('fetch failed', { cause: error })));
      outgoing.end(body ?? undefined);
    });
  };
}

/**
 * Makes this process's fetch trust `caPem` for the hub; returns the undo (the agent's close).
 * Process-wide on purpose, like NODE_EXTRA_CA_CERTS: trust is a property of the kiosk, not of a call.
 */
export function trustHubCertificates(caPem: string): () => void {
  const original = globalThis.fetch;
  const trusted = createTrustedFetch(caPem, original);
  globalThis.fetch = trusted;
  return () => {
    if (globalThis.fetch === trusted) globalThis.fetch = original;
  };
}
