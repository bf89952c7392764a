// Lint rules that keep DESIGN.md's laws: pure folders do no I/O and read no clock or randomness.
import tseslint from 'typescript-eslint';

const PURE_FOLDERS = ['src/modes', 'src/wire', 'src/events', 'src/aggregates', 'src/projectors', 'src/processes', 'src/demod', 'src/sim'];

const IO_MODULES = [
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'dgram', 'dns', 'tls', 'child_process', 'cluster',
  'worker_threads', 'readline', 'os', 'process', 'perf_hooks', 'zlib', 'stream', 'timers', 'timers/promises',
];

const restrictedImports = {
  paths: [
    ...IO_MODULES.flatMap((name) => [
      { name, message: 'Pure folders do no I/O (DESIGN.md §1).' },
      { name: `node:${name}`, message: 'Pure folders do no I/O (DESIGN.md §1).' },
    ]),
    ...['better-sqlite3', 'ws', 'fastify', '@fastify/websocket', 'serialport', 'usb', 'pino', 'prom-client', 'cli-progress'].map(
      (name) => ({ name, message: 'Pure folders do no I/O (DESIGN.md §1).' }),
    ),
  ],
  patterns: [
    { group: ['**/sources/*', '**/store/*', '**/api/*', '**/notifiers/*', '**/injectors/*', '**/cli/*'], message: 'Pure folders may not import impure building blocks.' },
  ],
};

const restrictedSyntax = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No clock in pure code: time arrives on the event or frame.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock in pure code: time arrives on the event or frame.' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'No randomness in pure code.' },
  { selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']", message: 'No clock in pure code.' },
  { selector: "CallExpression[callee.name=/^(randomUUID|randomBytes|randomInt|getRandomValues)$/], CallExpression[callee.property.name=/^(randomUUID|randomBytes|randomInt|getRandomValues)$/]", message: 'No randomness in pure code (hashing for deterministic ids is fine).' },
  { selector: "MemberExpression[object.name='process']", message: 'Pure code does not touch the process.' },
  { selector: "CallExpression[callee.name='setTimeout'], CallExpression[callee.name='setInterval']", message: 'No timers in pure code.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'native/build/**', 'dist/**', 'coverage/**', 'test-artifacts/**', 'web/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: PURE_FOLDERS.map((folder) => `${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': ['error', restrictedImports],
      'no-restricted-syntax': ['error', ...restrictedSyntax],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Pure folders do no I/O.' }, { name: 'crypto', message: 'No randomness in pure code.' }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
