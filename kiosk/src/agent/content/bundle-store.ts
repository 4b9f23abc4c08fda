import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { TrustedKey } from './verify.js';

/**
 * The bundles on disk, under DATA_DIR/content:
 *   staging/<uuid>/...   a download in progress (wiped at start: a crash leaves only litter here)
 *   versions/<n>/...     complete, verified bundles
 *   current.json         the pointer: which version is live and which is kept for rollback.
 *                        Replaced with fs.rename, so a reader sees the old pointer or the new one.
 *   trusted-key.json     the pinned hub key (when none is configured)
 *   refused.json         the last bundle refused since one last applied (heartbeats report it);
 *                        absent when the last bundle fetched applied
 */

const AppliedBundleSchema = z.object({
  version: z.number().int().positive(),
  createdAt: z.string(),
  expiresAt: z.string(),
  digest: z.string(),
  etag: z.string().nullable(),
  files: z.array(z.object({ path: z.string(), sha256: z.string(), size: z.number() })),
});
export type AppliedBundle = z.infer<typeof AppliedBundleSchema>;

const PointerSchema = z.object({ current: AppliedBundleSchema, previous: AppliedBundleSchema.nullable() });
export type BundlePointer = z.infer<typeof PointerSchema>;

const TrustedKeySchema = z.object({ keyId: z.string(), publicKeyPem: z.string() });

const RefusedBundleSchema = z.object({ version: z.number().int().positive().nullable(), code: z.string(), message: z.string(), at: z.string() });
export type RefusedBundle = z.infer<typeof RefusedBundleSchema>;

export class BundleStore {
  readonly root: string;
  private readonly stagingRoot: string;
  private readonly versionsRoot: string;
  private readonly pointerFile: string;
  private readonly keyFile: string;
  private readonly refusedFile: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'content');
    this.stagingRoot = path.join(this.root, 'staging');
    this.versionsRoot = path.join(this.root, 'versions');
    this.pointerFile = path.join(this.root, 'current.json');
    this.keyFile = path.join(this.root, 'trusted-key.json');
    this.refusedFile = path.join(this.root, 'refused.json');
    fs.mkdirSync(this.versionsRoot, { recursive: true });
    // Anything in staging is a download that never reached the swap.
    fs.rmSync(this.stagingRoot, { recursive: true, force: true });
    fs.mkdirSync(this.stagingRoot, { recursive: true });
  }

  readPointer(): BundlePointer | null {
    let text: string;
    try {
      text = fs.readFileSync(this.pointerFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return PointerSchema.parse(JSON.parse(text));
  }

  versionDir(version: number): string {
    return path.join(this.versionsRoot, String(version));
  }

  /** A fresh staging folder; write the files into it, then `promote` it. */
  newStaging(): string {
    const dir = path.join(this.stagingRoot, randomUUID());
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  writeStagedFile(stagingDir: string, relativePath: string, bytes: Buffer): void {
    const target = path.join(stagingDir, relativePath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const fd = fs.openSync(target, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Moves a staged bundle to versions/<n>; the live pointer is untouched until `swap`. */
  promote(stagingDir: string, version: number): void {
    const target = this.versionDir(version);
    // A folder left by a crash between promote and swap is not live (the pointer never named it).
    if (this.readPointer()?.current.version !== version) fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(stagingDir, target);
  }

  discardStaging(stagingDir: string): void {
    fs.rmSync(stagingDir, { recursive: true, force: true });
  }

  /** Atomically points `current` at a new bundle, keeping the old one as `previous`; prunes the rest. */
  swap(next: BundlePointer): void {
    writeFileAtomic(this.pointerFile, JSON.stringify(next));
    const keep = new Set([String(next.current.version), ...(next.previous === null ? [] : [String(next.previous.version)])]);
    for (const entry of fs.readdirSync(this.versionsRoot)) {
      if (!keep.has(entry)) fs.rmSync(path.join(this.versionsRoot, entry), { recursive: true, force: true });
    }
  }

  readTrustedKey(): TrustedKey | null {
    try {
      return TrustedKeySchema.parse(JSON.parse(fs.readFileSync(this.keyFile, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  pinTrustedKey(key: TrustedKey): void {
    writeFileAtomic(this.keyFile, JSON.stringify(key));
  }

  /** The last refused bundle, or null; an unreadable record counts as none (it is only a report). */
  readRefused(): RefusedBundle | null {
    try {
      const parsed = RefusedBundleSchema.safeParse(JSON.parse(fs.readFileSync(this.refusedFile, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  recordRefused(refused: RefusedBundle): void {
    writeFileAtomic(this.refusedFile, JSON.stringify(refused));
  }

  clearRefused(): void {
    fs.rmSync(this.refusedFile, { force: true });
  }
}

/** Write to a temp file, fsync, rename over the target: readers never see half a file. */
function writeFileAtomic(file: string, text: string): void {
  const temp = `${file}.${randomUUID()}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}
