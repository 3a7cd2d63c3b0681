import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, defineConfig, devices } from '@playwright/test'
import { djangoProviderEnv } from './mocks/django-provider-env.ts'

// E2E_PORT lets two runs side by side each build and serve their own copy.
const PORT = Number(process.env.E2E_PORT ?? 4173)
const outDir = PORT === 4173 ? 'dist' : `dist-${PORT}`
const baseURL = `http://localhost:${PORT}`
// A second build with the mock backend in a service worker, for the static-demo mode.
const WORKER_PORT = PORT + 20
const workerURL = `http://localhost:${WORKER_PORT}`
// A third build with /api proxied to the Django backend (backends/django), served beside it.
const DJANGO_APP_PORT = PORT + 40
const DJANGO_PORT = PORT + 41
const djangoAppURL = `http://localhost:${DJANGO_APP_PORT}`
// The mock Google, Kakao and Naver on their own origin (`npm run providers`), for Django to use.
const PROVIDERS_PORT = PORT + 42
const providersURL = `http://127.0.0.1:${PROVIDERS_PORT}`
const python =
  process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3')
/** The Django project runs where Django, DRF and SimpleJWT are installed (CI installs them). */
const withDjango =
  spawnSync(python, ['-c', 'import django, rest_framework, rest_framework_simplejwt']).status === 0
if (!withDjango) console.warn('Django is not installed: skipping the Playwright project "django"')

/**
 * Playwright's own Chromium when it is installed; otherwise the system's (Debian's `chromium`),
 * started without the background services that reach for the network.
 */
export function launchOptions() {
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
  // Every sign-in hashes a password at OWASP's cost and social sign-in makes two server-to-server
  // calls: generous limits keep a slow machine from failing a flow that is only slow.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: launchOptions(),
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'] },
      // The stack's specs run against `npm run stack`, through playwright.stack.config.ts.
      testIgnore: /(worker-mode|django[^/]*|\/stack[^/]*)\.spec\.ts/,
    },
    {
      name: 'worker-mode',
      use: { ...devices['Desktop Chrome'], baseURL: workerURL },
      testMatch: /worker-mode\.spec\.ts/,
    },
    ...(withDjango
      ? [
          {
            name: 'django',
            use: { ...devices['Desktop Chrome'], baseURL: djangoAppURL },
            testMatch: /django[^/]*\.spec\.ts/,
          },
        ]
      : []),
  ],
  webServer: [
    {
      // The production build, served as deployments serve it: `npm run serve`, mock API in Node.
      command: `vite build --outDir ${outDir} && npm run serve -- --dir ${outDir} --port ${PORT}`,
      url: baseURL,
      // Always a fresh build: a server left running would test yesterday's code.
      reuseExistingServer: false,
      timeout: 180_000,
    },
    {
      command: `vite build --outDir ${outDir}-worker && npm run serve -- --dir ${outDir}-worker --port ${WORKER_PORT}`,
      url: workerURL,
      env: { REEL_MOCK: 'worker' },
      reuseExistingServer: false,
      timeout: 180_000,
    },
    ...(withDjango
      ? [
          {
            // Migrates, seeds and serves; the reset route is on, for these tests only.
            command: `node scripts/backend-django.mjs --port ${DJANGO_PORT}`,
            url: `http://127.0.0.1:${DJANGO_PORT}/api/.well-known/jwks.json`,
            env: {
              DATABASE_URL: `sqlite:///${join(tmpdir(), `reel-e2e-django-${DJANGO_PORT}.sqlite3`)}`,
              REEL_TEST_RESET: '1',
              REEL_APP_ORIGINS: djangoAppURL,
              // The relying party of passkeys: WebAuthn wants the page's host (localhost), not
              // the 127.0.0.1 this server is reached at behind the app's proxy.
              REEL_PUBLIC_ORIGIN: djangoAppURL,
              PYTHONWARNINGS: 'ignore::RuntimeWarning',
              ...djangoProviderEnv(providersURL),
            },
            reuseExistingServer: false,
            timeout: 60_000,
          },
          {
            // Redirects only to the callbacks of the Django-served app.
            command: `npm run providers -- --port ${PROVIDERS_PORT} --app-origin ${djangoAppURL}`,
            // Any answer means it listens: the bare authorize URL is a 400 page.
            url: `${providersURL}/api/oauth/google/authorize`,
            reuseExistingServer: false,
            timeout: 60_000,
          },
          {
            command: `vite build --outDir ${outDir}-django && npm run serve -- --dir ${outDir}-django --port ${DJANGO_APP_PORT}`,
            url: djangoAppURL,
            env: { REEL_API_URL: `http://127.0.0.1:${DJANGO_PORT}` },
            reuseExistingServer: false,
            timeout: 180_000,
          },
        ]
      : []),
  ],
})
