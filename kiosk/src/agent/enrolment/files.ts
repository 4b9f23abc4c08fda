import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EnrolmentStartedSchema } from '@kiosk/shared';

/**
 * The two secret-bearing files of enrolment, both mode 0600 in DATA_DIR/kiosk: the pending one
 * (secret + code being shown, so a restart resumes the same code) and the credential once approved,
 * in the format loadAgentConfig reads.
 */

export const credentialsPath = (dataDir: string) => join(dataDir, 'kiosk', 'credentials.json');
export const pendingPath = (dataDir: string) => join(dataDir, 'kiosk', 'enrolment-pending.json');

export const PendingEnrolmentFileSchema = EnrolmentStartedSchema.extend({
  /** The kiosk's own secret (base64url); its SHA-256 is what the hub holds. */
  secret: z.string().min(32),
  /** A pending enrolment is only valid on the hub that issued it. */
  hubUrl: z.string(),
  /** Receipt time + expiresInSeconds on the kiosk's own clock: what the kiosk goes by. */
  localExpiresAt: z.string(),
});
export type PendingEnrolmentFile = z.infer<typeof PendingEnrolmentFileSchema>;

export interface CredentialsFile {
  readonly deviceId: string;
  readonly issuer: string;
  /** `<deviceId>.<secret>`: the bearer credential. */
  readonly token: string;
  readonly hubUrl: string;
}

/** Write to a temporary file, flush, rename: a power cut leaves the old file or the new one, never half. */
function writeSecretFile(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // openSync's mode is masked by the umask and ignored for an existing file: set it explicitly.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** The pending enrolment, or null when there is none or it is unreadable (then a new code is asked for). */
export function readPending(dataDir: string): PendingEnrolmentFile | null {
  try {
    const parsed = PendingEnrolmentFileSchema.safeParse(JSON.parse(readFileSync(pendingPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writePending(dataDir: string, pending: PendingEnrolmentFile): void {
  writeSecretFile(pendingPath(dataDir), pending);
}

export function removePending(dataDir: string): void {
  rmSync(pendingPath(dataDir), { force: true });
}

export function writeCredentials(dataDir: string, credentials: CredentialsFile): void {
  writeSecretFile(credentialsPath(dataDir), credentials);
}
