import { defineConfig, devices } from '@playwright/test'
import config from './playwright.config'

/**
 * Takes the README's screenshots (`npx playwright test -c playwright.docs.config.ts`): the same
 * production build and mock backend as the end-to-end tests, without the worker-mode build.
 */
export default defineConfig({
  ...config,
  testDir: 'scripts/docs',
  reporter: 'list',
  projects: [
    { name: 'docs', use: { ...devices['Desktop Chrome'], viewport: { width: 1100, height: 760 } } },
  ],
  ...(Array.isArray(config.webServer) && { webServer: config.webServer.slice(0, 1) }),
})
