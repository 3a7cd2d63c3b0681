import react from '@vitejs/plugin-react'
import type { Connect, Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

/**
 * Where the SPA's `/api` lives:
 * - `http` (default): the mock handlers in this Node process, behind the dev and preview servers;
 * - `worker`: the mock handlers in a service worker in the page (static demo, no server);
 * - off, when `REEL_API_URL` is set: `/api` is proxied to that real backend.
 */
const apiUrl = process.env.REEL_API_URL
const mockMode = apiUrl ? 'off' : process.env.REEL_MOCK === 'worker' ? 'worker' : 'http'
if (process.env.REEL_MOCK && !['http', 'worker'].includes(process.env.REEL_MOCK)) {
  throw new Error(`REEL_MOCK must be "http" or "worker", not "${process.env.REEL_MOCK}"`)
}

/**
 * `REEL_CROSS_TAB=off` builds the app with per-tab refresh only (no Web Lock, no
 * BroadcastChannel): the baseline the tab benchmark compares against. On by default.
 */
const crossTab = process.env.REEL_CROSS_TAB ?? 'on'
if (!['on', 'off'].includes(crossTab)) {
  throw new Error(`REEL_CROSS_TAB must be "on" or "off", not "${crossTab}"`)
}

function mockApi(): Plugin {
  // Loaded lazily so builds and the other modes never start the mock server's key generation.
  const middleware = async () => (await import('./mocks/http.ts')).mockApiMiddleware()
  return {
    name: 'reel-mock-api',
    async configureServer(server) {
      server.middlewares.use(await middleware())
    },
    async configurePreviewServer(server) {
      server.middlewares.use(await middleware())
    },
  }
}

/**
 * The social sign-in callback page arrives with a code in its address: no request it makes, for
 * its scripts or anything else, may carry that in a `Referer`. Every mode, since it is the SPA's
 * own page; the page also sets a `<meta name="referrer">` for hosts that cannot send headers.
 */
function noReferrerOnAuthCallback(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    if (req.url?.startsWith('/auth/callback/')) res.setHeader('Referrer-Policy', 'no-referrer')
    next()
  }
  return {
    name: 'reel-no-referrer-on-auth-callback',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  }
}

const proxy = apiUrl ? { '/api': { target: apiUrl, changeOrigin: true } } : undefined

export default defineConfig({
  plugins: [react(), noReferrerOnAuthCallback(), ...(mockMode === 'http' ? [mockApi()] : [])],
  define: {
    'import.meta.env.VITE_MOCK_MODE': JSON.stringify(mockMode),
    'import.meta.env.VITE_CROSS_TAB': JSON.stringify(crossTab),
  },
  server: { port: 5173, strictPort: true, ...(proxy && { proxy }) },
  preview: { port: 4173, strictPort: true, ...(proxy && { proxy }) },
  build: { sourcemap: true },
  test: {
    reporters: ['default', ['json', { outputFile: 'reports/unit.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'mocks',
          environment: 'node',
          include: ['mocks/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
        },
      },
    ],
  },
})
