import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with OWASP's minimum cost (19 MiB, 2 passes, 1 lane). The library's default algorithm
 * is argon2id; it is not named here because its `Algorithm` is a const enum, which
 * `isolatedModules` cannot import.
 */
export const ARGON2_MEMORY_KIB = 19_456;
export const ARGON2_TIME_COST = 2;
export const ARGON2_PARALLELISM = 1;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: ARGON2_MEMORY_KIB, timeCost: ARGON2_TIME_COST, parallelism: ARGON2_PARALLELISM });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/** Burns the same time as a real check, so a login for an unknown user is not faster. */
export async function verifyAgainstDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(await decoyHash, password);
}
