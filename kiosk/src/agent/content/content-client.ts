import { FLEET_BASE_PATH, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '@kiosk/shared';
import { ContentRefusal, PublicKeySchema, SignedBundleSchema, readableVersion } from './manifest.js';
import type { PublicKeyAnswer, SignedBundle } from './manifest.js';

/** The hub could not be asked (network, timeout, 5xx): keep the last good bundle and try later. */
export class HubUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubUnavailable';
  }
}

export interface ContentClientOptions {
  readonly baseUrl: string;
  /** `<deviceId>.<secret>`, as for every fleet call (sync/hub-client.ts). */
  readonly token: string;
  readonly timeoutMs: number;
  /** Refuse a file larger than this before reading it whole (a hostile or broken hub). */
  readonly maxFileBytes: number;
}

export type BundleAnswer = { readonly kind: 'unchanged' } | { readonly kind: 'bundle'; readonly bundle: SignedBundle; readonly etag: string | null };

const CONTENT_PATH = `${FLEET_BASE_PATH}/content`;

/** GET /fleet/v1/content/{bundle,public-key,files/:sha256} with the device credential. */
export class ContentClient {
  constructor(private readonly options: ContentClientOptions) {}

  private async get(path: string, extra: Record<string, string> = {}): Promise<Response> {
    try {
      return await fetch(`${this.options.baseUrl}${CONTENT_PATH}${path}`, {
        headers: { authorization: `Bearer ${this.options.token}`, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION), ...extra },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new HubUnavailable(`content ${path}: hub unreachable (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private failed(path: string, response: Response): HubUnavailable {
    return new HubUnavailable(`content ${path}: hub answered ${response.status}`);
  }

  async fetchBundle(etag: string | null): Promise<BundleAnswer> {
    const response = await this.get('/bundle', etag === null ? {} : { 'if-none-match': etag });
    if (response.status === 304) return { kind: 'unchanged' };
    if (!response.ok) throw this.failed('/bundle', response);
    const body = await readJson(response);
    const parsed = SignedBundleSchema.safeParse(body);
    if (!parsed.success) {
      throw new ContentRefusal('malformed', `the hub's bundle is not a signed manifest: ${parsed.error.issues[0]?.message ?? 'invalid'}`, readableVersion(body));
    }
    return { kind: 'bundle', bundle: parsed.data, etag: response.headers.get('etag') };
  }

  async fetchPublicKey(): Promise<PublicKeyAnswer> {
    const response = await this.get('/public-key');
    if (!response.ok) throw this.failed('/public-key', response);
    const parsed = PublicKeySchema.safeParse(await readJson(response));
    if (!parsed.success) throw new ContentRefusal('malformed', 'the hub\'s public key answer is unreadable');
    return parsed.data;
  }

  async fetchFile(sha256: string, expectedSize: number): Promise<Buffer> {
    const path = `/files/${sha256}`;
    const response = await this.get(path);
    if (!response.ok) throw this.failed(path, response);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && (declared > this.options.maxFileBytes || declared !== expectedSize)) {
      await response.body?.cancel();
      throw new ContentRefusal('bad-size', `file ${sha256}: the hub announced ${declared} bytes, the manifest says ${expectedSize}`);
    }
    return readAtMost(response, Math.min(expectedSize, this.options.maxFileBytes), sha256);
  }
}

/** Reads the body but stops one byte past `limit`: a hub that streams too much cannot fill the disk or memory. */
async function readAtMost(response: Response, limit: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (response.body === null) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    total += chunk.length;
    chunks.push(Buffer.from(chunk));
    if (total > limit) {
      await response.body.cancel().catch(() => {});
      throw new ContentRefusal('bad-size', `file ${name}: more than the ${limit} bytes expected`);
    }
  }
  return Buffer.concat(chunks);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ContentRefusal('malformed', 'the hub\'s answer is not JSON');
  }
}
