import { existsSync } from 'node:fs'
import { chromium, defineConfig, devices } from '@playwright/test'

// E2E_PORT lets two runs side by side each build and serve their own copy.
const PORT = Number(process.env.E2E_PORT ?? 4173)
const outDir = PORT === 4173 ? 'dist' : `dist-${PORT}`
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
    command: `npm run typecheck && vite build --outDir ${outDir} && vite preview --outDir ${outDir} --port ${PORT} --strictPort`,
    url: baseURL,
    // Always a fresh build: a server left running would test yesterday's code.
    reuseExistingServer: false,
    timeout: 180_000,
  },
})
