import { defineConfig, devices } from '@playwright/test'
import { readStackState } from './scripts/stack/state.ts'
import { launchOptions } from './playwright.config.ts'

/**
 * The browser flows through the production path: nginx over HTTPS in front of two Django
 * instances (`npm run stack`, started by `npm run test:stack`, which names its state file in
 * REEL_STACK_STATE). The Django flows of the default run, plus what only two instances can show.
 */
const stack = readStackState()

export default defineConfig({
  testDir: 'e2e',
  testMatch: /(django|\/stack[^/]*)\.spec\.ts$/,
  // One database under every test, reset before each: the tests take turns.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/stack-e2e.json' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: stack.url,
    // The stack's certificate is self-signed, made when it started.
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    launchOptions: launchOptions(),
  },
})
