// Mutation testing of the auth core: `npm run mutate` (not part of CI; a full run takes a while).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // The core's own tests only (see that file): the rest of the suite would multiply the run time.
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  mutate: ['src/auth/**/*.ts', '!src/auth/**/*.test.ts', '!src/auth/index.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  // The first run of the core's tests with coverage takes minutes on two cores.
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Each run records every mutant's result here; the next run tests only the mutants whose code or
  // covering tests changed. To reuse results, keep this file (reports/ is not committed) or copy
  // it from another worktree; `npx stryker run --force` tests every mutant again.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // Not under node_modules: vitest would load Stryker's setup file there as a package, once per
  // worker, and the test files after the first (they share a worker, vitest.stryker.config.ts)
  // would run without its per-test coverage hooks. reports/ is ignored by git and the linters.
  tempDirName: 'reports/stryker-tmp',
}
