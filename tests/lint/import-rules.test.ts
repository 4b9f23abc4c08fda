import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Proves that DESIGN.md section 3's import rules are enforced: a wrong import fails lint with a
// message that says why, and (for the runtimes with their own libs) fails typecheck too.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, 'tests/config/eslint.config.js') });

async function importMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const wrongImports: Array<[where: string, file: string, code: string, because: RegExp]> = [
  ['renderer -> node:fs', 'kiosk/src/renderer/screens/Bad.tsx', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", /renderer must not use Node built-ins/],
  ['renderer -> fs (bare)', 'kiosk/src/renderer/Bad.ts', "import fs from 'fs';\nexport default fs;", /renderer must not use Node built-ins/],
  ['renderer -> ws', 'kiosk/src/renderer/bridge/bad.ts', "import { WebSocket } from 'ws';\nexport default WebSocket;", /Node-only packages/],
  ['renderer -> agent', 'kiosk/src/renderer/Bad.ts', "import { x } from '../agent/store.js';\nexport default x;", /must not import the agent/],
  ['renderer -> hardware', 'kiosk/src/renderer/Bad.ts', "import { x } from '@kiosk/hardware';\nexport default x;", /devices belong to the kiosk agent/],
  ['renderer -> electron', 'kiosk/src/renderer/Bad.ts', "import { ipcRenderer } from 'electron';\nexport default ipcRenderer;", /only kiosk\/src\/electron may/],
  ['hardware -> react', 'hardware/src/printer/bad.ts', "import React from 'react';\nexport default React;", /hardware\/ must not import React/],
  ['hardware -> kiosk', 'hardware/src/bad.ts', "import { x } from '@kiosk/kiosk';\nexport default x;", /must not import kiosk code/],
  ['shared -> node:crypto', 'shared/src/domain/bad.ts', "import { randomUUID } from 'node:crypto';\nexport default randomUUID;", /shared\/ is pure TypeScript/],
  ['shared -> fastify', 'shared/src/bad.ts', "import Fastify from 'fastify';\nexport default Fastify;", /shared\/ is pure TypeScript/],
  ['flows -> react', 'kiosk/src/flows/bad.ts', "import { useState } from 'react';\nexport default useState;", /flows must not import React/],
  ['flows -> node:timers', 'kiosk/src/flows/bad.ts', "import { setTimeout } from 'node:timers';\nexport default setTimeout;", /flows must not use Node built-ins/],
  ['agent -> renderer', 'kiosk/src/agent/bad.ts', "import { App } from '../renderer/App.js';\nexport default App;", /must not import the renderer/],
  ['agent -> flows', 'kiosk/src/agent/bad.ts', "import { m } from '../flows/session.js';\nexport default m;", /must not import the XState flows/],
  ['agent -> electron', 'kiosk/src/agent/bad.ts', "import { app } from 'electron';\nexport default app;", /only kiosk\/src\/electron may/],
  ['electron -> hardware', 'kiosk/src/electron/bad.ts', "import { x } from '@kiosk/hardware';\nexport default x;", /devices belong to the kiosk agent/],
  ['hub -> hardware', 'admin/server/src/bad.ts', "import { x } from '@kiosk/hardware';\nexport default x;", /hub must not import @kiosk\/hardware/],
  ['hub -> react', 'admin/server/src/bad.ts', "import React from 'react';\nexport default React;", /hub must not import React/],
  ['console -> node:path', 'admin/web/src/bad.ts', "import { join } from 'node:path';\nexport default join;", /console must not use Node built-ins/],
  ['console -> hub', 'admin/web/src/bad.ts', "import { x } from '@kiosk/hub';\nexport default x;", /talks to the hub only over its HTTP API/],
  ['product -> tests', 'admin/server/src/bad.ts', "import { x } from '../../../tests/stack/start.js';\nexport default x;", /must not import tests\//],
];

describe('import rules (DESIGN.md section 3) fail lint with a reason', () => {
  it.each(wrongImports)('%s', async (_where, file, code, because) => {
    const messages = await importMessages(file, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(because);
  });

  it.each([
    ['renderer -> shared, xstate, react', 'kiosk/src/renderer/Good.tsx', "import { z } from 'zod';\nimport { createActor } from 'xstate';\nimport { useState } from 'react';\nimport { PROTOCOL_VERSION } from '@kiosk/shared';\nimport { m } from '../flows/session';\nexport const all = [z, createActor, useState, PROTOCOL_VERSION, m];"],
    ['agent -> hardware, node, ws', 'kiosk/src/agent/good.ts', "import { x } from '@kiosk/hardware';\nimport { readFileSync } from 'node:fs';\nimport { WebSocketServer } from 'ws';\nexport const all = [x, readFileSync, WebSocketServer];"],
    ['shared -> zod and own files', 'shared/src/domain/good.ts', "import { z } from 'zod';\nimport { x } from './other.js';\nexport const all = [z, x];"],
  ])('allows %s', async (_where, file, code) => {
    expect(await importMessages(file, code)).toEqual([]);
  });
});

describe('the runtime tsconfigs make wrong globals a type error', () => {
  function typecheckFixture(project: string, code: string): string {
    const dir = mkdtempSync(join(repoRoot, `${project}/.fixture-`));
    try {
      writeFileSync(join(dir, 'fixture.ts'), code);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { composite: false, noEmit: true, emitDeclarationOnly: false }, include: ['fixture.ts'] }),
      );
      execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
      return '';
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? error);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('renderer code cannot see Node (process, node:fs)', () => {
    const out = typecheckFixture('kiosk/src/renderer', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\nexport const b = process.env;\n");
    expect(out).toMatch(/Cannot find (module 'node:fs'|name 'process')/);
  });

  it('flows cannot see the DOM', () => {
    const out = typecheckFixture('kiosk/src/flows', 'export const a = document.title;\nexport const b = window;\n');
    expect(out).toMatch(/Cannot find name 'document'/);
  });

  it('hardware cannot see the DOM but can see Node', () => {
    const out = typecheckFixture('hardware', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\nexport const b = document.title;\n");
    expect(out).toMatch(/Cannot find name 'document'/);
    expect(out).not.toMatch(/node:fs/);
  });
});
