import { readFileSync, readdirSync } from 'node:fs'
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import base from './vite.config'

const projects = (base.test?.projects ?? []) as TestProjectInlineConfiguration[]
const app = projects.find((project) => project.test?.name === 'app')
if (!app) throw new Error('vite.config.ts has no app project')

// The core's tests that declare they need no DOM (`// @vitest-environment node`) use neither the
// mock server nor the browser: they run without the app's setup file, the rest as in the app.
const coreTests = readdirSync('src/auth')
  .filter((name) => /\.test\.tsx?$/.test(name))
  .map((name) => `src/auth/${name}`)
const needsNoDom = (file: string) =>
  readFileSync(file, 'utf8').startsWith('// @vitest-environment node')
const domFree = new Set(coreTests.filter(needsNoDom))
const browser = coreTests.filter((file) => !domFree.has(file))

// The auth core's own tests only. A mutant that leaves a promise unsettled fails its test after
// 10 s, well inside Stryker's own limit, instead of being counted as a timeout with a restarted
// worker. Ten seconds is still many times what any core test needs instrumented on two cores.
// `isolate: false`: every mutant gets a vitest run of its own, in a new worker; within it the test
// files share one environment and module cache instead of building their own, which was most of
// a mutant's cost. Every test still starts from a reset backend (setup file) and new sessions.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    testTimeout: 10_000,
    projects: [
      { ...app, test: { ...app.test, include: browser, isolate: false } },
      {
        ...app,
        test: {
          ...app.test,
          name: 'app-dom-free',
          include: [...domFree],
          environment: 'node',
          setupFiles: [],
          isolate: false,
        },
      },
    ],
  },
})
