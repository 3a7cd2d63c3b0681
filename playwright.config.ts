import { existsSync } from 'node:fs'
import { chromium, defineConfig, devices } from '@playwright/test'

const PORT = 4173
const baseURL = `http://localhost:${PORT}`

/**
 * Playwright's own Chromium when it is installed; otherwise the system's (Debian's `chromium`),
 * started without the background services that reach for the network.
 */
function launchOptions() {
  if (existsSync(chromium.executablePath())) return {}
  const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  return {
    executablePath: system,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  }
}

export default defineConfig({
  testDir: 'e2e',
  // The mock backend is one shared server state: specs that reset or bend it must not overlap.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: launchOptions(),
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // The production build, served by Vite's preview server with the mock API in Node.
    command: `npm run build && npx vite preview --port ${PORT} --strictPort`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
})
