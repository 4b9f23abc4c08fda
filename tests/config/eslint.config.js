// One lint configuration for the whole repository (run from the root with `npm run lint`).
// It enforces the import rules of DESIGN.md section 3, each with a message that says why, and it
// is run with --max-warnings 0. tests/lint/import-rules.test.ts proves every rule fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const builtins = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/'));
/** Anchored alternatives `^(a|b)(/...)?$`: a package and its subpaths. */
const packages = (...names) => `^(${names.map((n) => n.replace(/[/]/g, '\\/')).join('|')})(\\/.*)?$`;
/** A relative import that enters the folder `name` (e.g. `../agent/store.js`). */
const intoFolder = (name) => `^\\.{1,2}\\/(.*\\/)?${name}(\\/|$)`;
const either = (...regexes) => regexes.map((r) => `(${r})`).join('|');

/** Each forbidden group: a regex over the import specifier and the reason shown to whoever imports one. */
const forbid = {
  node: (where) => ({
    regex: either(`^node:`, packages(...builtins), packages('ws', 'better-sqlite3', 'pg', 'fastify', 'serialport')),
    message: `${where} must not use Node built-ins or Node-only packages: it runs where Node does not exist. Ask the agent through the KioskClient contract (or the hub over HTTP) instead.`,
  }),
  react: (where) => ({
    regex: packages('react', 'react-dom', 'react-i18next', '@xstate/react', 'react-simple-keyboard'),
    message: `${where} must not import React: UI lives only in kiosk/src/renderer and admin/web, so this code stays testable in plain Node and reusable by every screen.`,
  }),
  electron: (where) => ({
    regex: packages('electron'),
    message: `${where} must not import electron: only kiosk/src/electron may, because the Electron binary cannot run in tests or in browser mode.`,
  }),
  hardware: (where) => ({
    regex: either(packages('@kiosk/hardware'), `(^|\\/)hardware\\/src(\\/|$)`),
    message: `${where} must not import @kiosk/hardware: devices belong to the kiosk agent; everything else reaches them through the agent.`,
  }),
  kioskInternals: (where) => ({
    regex: either(packages('@kiosk/kiosk'), `(^|\\/)kiosk\\/src(\\/|$)`),
    message: `${where} must not import kiosk code: the kiosk's processes talk to others only through the contracts in @kiosk/shared.`,
  }),
  admin: (where) => ({
    regex: either(packages('@kiosk/hub', '@kiosk/console'), `(^|\\/)admin\\/(server|web)(\\/|$)`),
    message: `${where} must not import the hub or the console: they are other processes; use the HTTP API and the schemas in @kiosk/shared.`,
  }),
  tests: () => ({
    regex: either(packages('@kiosk/tests'), `(^|\\/)tests(\\/|$)`),
    message: 'Product code must not import tests/: tests depend on the product, never the other way round.',
  }),
  flows: (where) => ({
    regex: intoFolder('flows'),
    message: `${where} must not import the XState flows: only the renderer drives them.`,
  }),
  renderer: (where) => ({
    regex: intoFolder('renderer'),
    message: `${where} must not import the renderer: it runs in a sandboxed browser page and talks only through KioskClient.`,
  }),
  agent: (where) => ({
    regex: intoFolder('agent'),
    message: `${where} must not import the agent: reach it through the KioskClient contract (or, in the Electron shell, start it as a process).`,
  }),
  electronShell: (where) => ({
    regex: intoFolder('electron'),
    message: `${where} must not import the Electron shell: it is the thin outer layer and nothing depends on it.`,
  }),
  sharedOnly: () => ({
    regex: `^(?!(zod|zod\\/.*|@kiosk\\/shared)$)(?!\\.{1,2}\\/)`,
    message: 'shared/ is pure TypeScript that crosses every process boundary: it may import only zod and its own files.',
  }),
};

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

/** Folder rules: DESIGN.md section 3, "which way imports flow". */
const folderRules = [
  {
    files: ['shared/src/**/*.ts'],
    rules: restrict(forbid.sharedOnly(), forbid.node('shared/'), forbid.react('shared/'), forbid.electron('shared/'), forbid.tests()),
  },
  {
    files: ['hardware/src/**/*.ts'],
    rules: restrict(forbid.react('hardware/'), forbid.electron('hardware/'), forbid.kioskInternals('hardware/'), forbid.admin('hardware/'), forbid.tests()),
  },
  {
    files: ['kiosk/src/flows/**/*.ts'],
    rules: restrict(forbid.node('kiosk/src/flows'), forbid.react('kiosk/src/flows'), forbid.electron('kiosk/src/flows'), forbid.hardware('kiosk/src/flows'), forbid.renderer('kiosk/src/flows'), forbid.agent('kiosk/src/flows'), forbid.electronShell('kiosk/src/flows'), forbid.admin('kiosk/src/flows'), forbid.tests()),
  },
  {
    files: ['kiosk/src/renderer/**/*.{ts,tsx}'],
    rules: restrict(forbid.node('The renderer'), forbid.electron('The renderer'), forbid.hardware('The renderer'), forbid.agent('The renderer'), forbid.electronShell('The renderer'), forbid.admin('The renderer'), forbid.tests()),
  },
  {
    files: ['kiosk/src/agent/**/*.ts'],
    rules: restrict(forbid.react('The agent'), forbid.electron('The agent'), forbid.flows('The agent'), forbid.renderer('The agent'), forbid.electronShell('The agent'), forbid.admin('The agent'), forbid.tests()),
  },
  {
    files: ['kiosk/src/electron/**/*.ts'],
    rules: restrict(forbid.react('The Electron shell'), forbid.hardware('The Electron shell'), forbid.flows('The Electron shell'), forbid.renderer('The Electron shell'), forbid.agent('The Electron shell'), forbid.admin('The Electron shell'), forbid.tests()),
  },
  {
    files: ['admin/server/src/**/*.ts'],
    rules: restrict(forbid.react('The hub'), forbid.electron('The hub'), forbid.hardware('The hub'), forbid.kioskInternals('The hub'), forbid.tests(), {
      regex: either(packages('@kiosk/console'), `(^|\\/)admin\\/web(\\/|$)`, intoFolder('web')),
      message: 'The hub must not import the console: it only serves its built files.',
    }),
  },
  {
    files: ['admin/web/src/**/*.{ts,tsx}'],
    rules: restrict(forbid.node('The console'), forbid.electron('The console'), forbid.hardware('The console'), forbid.kioskInternals('The console'), forbid.tests(), {
      regex: either(packages('@kiosk/hub'), `(^|\\/)admin\\/server(\\/|$)`, intoFolder('server')),
      message: 'The console must not import hub code: it talks to the hub only over its HTTP API, with the schemas in @kiosk/shared.',
    }),
  },
];

export default tseslint.config(
  {
    basePath: repoRoot,
    ignores: ['**/node_modules/**', '**/dist/**', '**/.tsbuild/**', 'data/**', 'tests/artifacts/**', '**/.fixture-*/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    basePath: repoRoot,
    languageOptions: { globals: { ...globals.es2022 } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    basePath: repoRoot,
    files: ['kiosk/src/renderer/**/*.{ts,tsx}', 'admin/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    basePath: repoRoot,
    files: ['hardware/**/*.ts', 'kiosk/src/agent/**/*.ts', 'kiosk/src/electron/**/*.ts', 'admin/server/**/*.ts', 'tests/**/*.{ts,js}', '**/test/**/*.{ts,tsx}', '**/*.config.{ts,js}', '.ci/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  ...folderRules.map((rule) => ({ basePath: repoRoot, ...rule })),
);
