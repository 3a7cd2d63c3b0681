import { dirname, relative, resolve, sep } from 'node:path'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Import boundaries: dependencies point one way, app → features → lib, auth; never src → mocks. */
const noImportsFrom = (...groups) => ({
  'no-restricted-imports': [
    'error',
    { patterns: groups.map(([group, message]) => ({ group: [group], message })) },
  ],
})
const MOCKS = ['**/mocks/**', 'src never imports the mock backend (main.tsx may, dynamically).']
const FEATURES = ['**/features/**', 'This layer must not know about features.']
const APP = ['**/app/**', 'Only the app composes features.']
/** The auth core has one front door: its modules can move without touching a single importer. */
const AUTH = ['**/auth/*', 'Import the auth core from its index (`src/auth`), not its modules.']

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
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...noImportsFrom(MOCKS, AUTH),
      // Tokens must never reach a log: the app itself logs nothing but warnings and errors.
      'no-console': ['error', { allow: ['warn', 'error'] }],
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
      ['**/bench/**', 'The contract depends on nothing but zod.'],
    ),
  },
  {
    files: ['mocks/**/*.ts'],
    ignores: ['mocks/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**'],
              allowTypeImports: true,
              message: 'The mock backend imports nothing from src but types.',
            },
          ],
        },
      ],
    },
  },
)
