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

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'bench/.out',
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
      ...noImportsFrom(MOCKS),
      // Tokens must never reach a log: the app itself logs nothing but warnings and errors.
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // Boot may load the worker-mode mocks; tests use the mock handlers as their server.
  {
    files: ['src/main.tsx', 'src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/auth/**', 'src/lib/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: noImportsFrom(MOCKS, FEATURES, APP),
  },
  { files: ['src/features/**'], ignores: ['**/*.test.{ts,tsx}'], rules: noImportsFrom(MOCKS, APP) },
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
