import { dirname, relative, resolve, sep } from 'node:path'
import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Import boundaries: dependencies point one way, app → features → lib, auth; never src → mocks. */
const noImportsFrom = (...groups) => ({
  'no-restricted-imports': [
    'error',
    { patterns: groups.map(([group, message]) => ({ group: [group].flat(), message })) },
  ],
})
const MOCKS = ['**/mocks/**', 'src never imports the mock backend (main.tsx may, dynamically).']
const FEATURES = ['**/features/**', 'This layer must not know about features.']
// `app/paths` names the pages every layer links to; it imports nothing of the app.
const APP = [['**/app/**', '!**/app/paths'], 'Only the app composes features.']
/** The auth core has one front door: its modules can move without touching a single importer. */
const AUTH = ['**/auth/*', 'Import the auth core from its index (`src/auth`), not its modules.']

/** The mock servers import nothing from src but types, and nothing from the rooms in `patterns`. */
const mockRoom = (room, patterns) => ({
  files: [`mocks/${room}/**/*.ts`],
  ignores: ['mocks/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['**/src/**'],
            allowTypeImports: true,
            message: 'The mocks import nothing from src but types.',
          },
          ...patterns,
        ],
      },
    ],
  },
})

/** The feature a file belongs to (`src/features/<name>/…`), or null for any other file. */
const FEATURES_DIR = resolve('src/features')
const featureOf = (file) => {
  const inside = relative(FEATURES_DIR, file)
  return inside.startsWith('..') || inside === '' ? null : inside.split(sep)[0]
}

/**
 * Features stay apart: a feature imports the shared layers (components, lib, auth, i18n, the
 * contract) but never another feature; only the app composes them. Paths are resolved, so
 * `../../movies/…` is caught as surely as an alias would be.
 */
const featuresApart = {
  meta: {
    type: 'problem',
    messages: {
      apart:
        'Feature "{{from}}" may not import feature "{{to}}"; move what both need to a shared layer.',
    },
  },
  create(context) {
    const from = featureOf(context.filename)
    if (from === null) return {}
    const check = (node) => {
      const source = node.source?.value
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const to = featureOf(resolve(dirname(context.filename), source))
      if (to !== null && to !== from)
        context.report({ node, messageId: 'apart', data: { from, to } })
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    }
  },
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'bench/.out',
      'server/.out',
      'reports',
      'test-results',
      'playwright-report',
      'public/mockServiceWorker.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // One import per module, except that its types may come in an `import type` of their own:
      // that is the form consistent-type-imports writes.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
    },
  },
  // In a cycle, load order decides what is still undefined when a module first runs. Type-only
  // imports are erased and cannot cycle at run time, so the rule skips them.
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...noImportsFrom(MOCKS, AUTH),
      // Tokens must never reach a log: the app itself logs nothing but warnings and errors.
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Browser globals named like a component's locals: a local renamed away leaves the name
      // compiling, and `status` would then quietly mean `window.status`.
      'no-restricted-globals': [
        'error',
        ...['status', 'name', 'event', 'length', 'origin', 'top', 'parent', 'self', 'closed'].map(
          (name) => ({ name, message: `A browser global; say window.${name} if it is meant.` }),
        ),
      ],
    },
  },
  // Boot may load the worker-mode mocks; tests use the mock handlers as their server.
  {
    files: ['src/main.tsx', 'src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: noImportsFrom(AUTH),
  },
  {
    files: ['src/lib/**', 'src/components/**', 'src/i18n/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: noImportsFrom(MOCKS, FEATURES, APP, AUTH),
  },
  {
    files: ['src/features/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: noImportsFrom(MOCKS, APP, AUTH),
  },
  // Inside the core, modules import each other; its own tests reach any module they test.
  { files: ['src/auth/**'], rules: noImportsFrom(MOCKS, FEATURES, APP) },
  { files: ['src/auth/**/*.test.{ts,tsx}'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['bench/**/*.ts'], rules: noImportsFrom(AUTH) },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    plugins: { reel: { rules: { 'features-apart': featuresApart } } },
    rules: { 'reel/features-apart': 'error' },
  },
  // The contract is read by the app, the mock backend and the benchmarks alike: it depends on none.
  {
    files: ['contract/**/*.ts'],
    rules: noImportsFrom(
      ['**/src/**', 'The contract depends on nothing but zod.'],
      ['**/mocks/**', 'The contract depends on nothing but zod.'],
      ['**/contract-tests/**', 'The contract depends on nothing but zod.'],
      ['**/bench/**', 'The contract depends on nothing but zod.'],
    ),
  },
  // The contract suite judges any backend by the API alone; the app's code is none of its business.
  {
    files: ['contract-tests/**/*.ts'],
    rules: noImportsFrom(['**/src/**', 'The contract suite imports nothing from src.']),
  },
  // The mock servers keep to their rooms (mocks/README.md): the backend reaches the providers over
  // HTTP only, the providers know nothing of Reel's backend, and only the hosts see both.
  mockRoom('backend', [
    {
      group: ['**/hosts/**', '**/providers/**', '!**/providers/seed.ts'],
      message:
        "Reel's mock backend reaches the providers over HTTP (provider-transport.ts); of theirs it reads only the registration in providers/seed.ts.",
    },
  ]),
  mockRoom('providers', [
    {
      group: [
        '**/hosts/**',
        '**/backend/**',
        '!**/backend/crypto.ts',
        '!**/backend/expiring-map.ts',
      ],
      message:
        "The mock providers know nothing of Reel's backend; they borrow only its stateless crypto.ts and expiring-map.ts.",
    },
  ]),
  mockRoom('hosts', []),
)
