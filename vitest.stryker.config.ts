import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import base from './vite.config'

const projects = (base.test?.projects ?? []) as TestProjectInlineConfiguration[]
const app = projects.find((project) => project.test?.name === 'app')
if (!app) throw new Error('vite.config.ts has no app project')

// The auth core's own tests in the app project only. Instrumented code on two busy runners is
// several times slower: a test's own timeout is not what a mutation run measures.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    testTimeout: 60_000,
    projects: [{ ...app, test: { ...app.test, include: ['src/auth/**/*.test.{ts,tsx}'] } }],
  },
})
