import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { AuthzRule } from './types.js';

const RULES_DIR = fileURLToPath(new URL('./rules/', import.meta.url));

/** Every rules/*.ts file's RULES, tagged with the file it came from (for error messages). */
export async function loadRules(): Promise<Array<AuthzRule & { readonly file: string }>> {
  const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).sort();
  const all: Array<AuthzRule & { file: string }> = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(RULES_DIR, file)).href)) as { RULES?: readonly AuthzRule[] };
    if (!Array.isArray(module.RULES)) throw new Error(`authz/rules/${file} must export RULES: readonly AuthzRule[]`);
    for (const rule of module.RULES) all.push({ ...rule, file });
  }
  return all;
}
