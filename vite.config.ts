import react from '@vitejs/plugin-react'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ChunkingContext } from 'rolldown'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import { precompress } from './server/precompress.ts'
import { securityHeadersMiddleware, sha256Source } from './server/security-headers.ts'

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
  const middleware = async () => (await import('./mocks/hosts/http.ts')).mockApiMiddleware()
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
 * `'sha256-…'` of what the host itself writes into a page's scripts and styles: React refresh's
 * preamble in development, and in worker mode the consent page style sheet, drawn into the app.
 */
async function hostHashes(dev: boolean) {
  const consentStyle =
    mockMode === 'worker'
      ? [sha256Source((await import('./mocks/providers/consent-pages.ts')).CONSENT_PAGE_STYLE)]
      : []
  return {
    scriptHashes: dev ? [sha256Source(react.preambleCode.replace('__BASE__', '/'))] : [],
    apiDocumentStyleHashes: consentStyle,
  }
}

/** The one header policy (server/security-headers.ts) on the dev and preview servers. */
function securityHeaders(): Plugin {
  return {
    name: 'reel-security-headers',
    async configureServer(server) {
      const policy = { mode: 'development', ...(await hostHashes(true)) } as const
      server.middlewares.use(securityHeadersMiddleware(policy))
    },
    async configurePreviewServer(server) {
      const policy = { mode: 'production', ...(await hostHashes(false)) } as const
      server.middlewares.use(securityHeadersMiddleware(policy))
    },
  }
}

/**
 * What a build leaves in its output directory besides the bundle: the mock service worker only
 * where the mocks run in one, and a brotli and a gzip twin of every text file for the server.
 */
function finishOutput(): Plugin {
  let outDir = 'dist'
  return {
    name: 'reel-finish-output',
    apply: 'build',
    configResolved: (config) => void (outDir = config.build.outDir),
    async closeBundle() {
      if (mockMode !== 'worker') await rm(join(outDir, 'mockServiceWorker.js'), { force: true })
      await precompress(outDir)
    },
  }
}

/** True when a chain of static imports leads from a module that `isStart` accepts to `id`. */
function importedFrom(id: string, context: ChunkingContext, isStart: (id: string) => boolean) {
  const seen = new Set<string>()
  const walk = (moduleId: string): boolean => {
    if (isStart(moduleId)) return true
    if (seen.has(moduleId)) return false
    seen.add(moduleId)
    return context.getModuleInfo(moduleId)?.importers.some(walk) ?? false
  }
  return walk(id)
}

/**
 * Modules shared by lazily loaded pages go in two chunks, not a dozen of a few hundred bytes
 * each: each chunk is a request, and over HTTP/1.1 a browser sends six at a time. What the sign-in
 * page needs is one chunk, so a visitor loads nothing of the signed-in pages; the rest is the
 * other. Modules of the first load (reached from the HTML page, the build's entry) stay there.
 */
function sharedChunkOf(id: string, context: ChunkingContext): string | null {
  if (importedFrom(id, context, (moduleId) => moduleId.endsWith('.html'))) return null
  return importedFrom(id, context, (moduleId) => moduleId.endsWith('/src/app/routes/login.tsx'))
    ? 'sign-in-shared'
    : 'pages-shared'
}

const proxy = apiUrl ? { '/api': { target: apiUrl, changeOrigin: true } } : undefined

export default defineConfig({
  plugins: [
    react(),
    securityHeaders(),
    finishOutput(),
    ...(mockMode === 'http' ? [mockApi()] : []),
  ],
  define: {
    'import.meta.env.VITE_MOCK_MODE': JSON.stringify(mockMode),
    'import.meta.env.VITE_CROSS_TAB': JSON.stringify(crossTab),
  },
  // No other origin may read the API: no Access-Control-Allow-Origin for anyone.
  server: { port: 5173, strictPort: true, cors: false, ...(proxy && { proxy }) },
  preview: { port: 4173, strictPort: true, cors: false, ...(proxy && { proxy }) },
  // Source maps would publish the source; `REEL_SOURCEMAP=1` builds them for debugging, and
  // `hidden` writes them without pointing the scripts at them (the benchmark's size breakdown).
  build: {
    sourcemap:
      process.env.REEL_SOURCEMAP === 'hidden' ? 'hidden' : process.env.REEL_SOURCEMAP === '1',
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Zod and the switch that keeps it from probing `new Function` (forbidden by the CSP)
          // share one chunk, so the switch runs before any chunk that builds a schema.
          groups: [
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]zod-without-eval\.ts$/ },
            {
              name: sharedChunkOf,
              debugName: 'shared by pages',
              minShareCount: 2,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  test: {
    // The contract suite against an external backend (npm run test:django) reports apart.
    reporters: [
      'default',
      [
        'json',
        {
          // REEL_TEST_REPORT names another file: the same suite through the production stack.
          outputFile:
            process.env.REEL_TEST_REPORT ??
            (process.env.REEL_CONTRACT_URL ? 'reports/django.json' : 'reports/unit.json'),
        },
      ],
    ],
    // Tests sign in hundreds of times: they alone hash passwords at a lower cost than OWASP's.
    env: { REEL_PASSWORD_HASH_ITERATIONS: '1000' },
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
          // The backend-independent contract suite: against the mock here, or REEL_CONTRACT_URL.
          name: 'contract',
          environment: 'node',
          include: ['contract-tests/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'hosts',
          environment: 'node',
          include: ['server/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The benchmarks' own helpers: what a run counts must be right before its figures are.
          name: 'bench',
          environment: 'node',
          include: ['bench/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The docs hold themselves to the repository: links, size, figures.
          name: 'docs',
          environment: 'node',
          include: ['scripts/**/*.test.ts'],
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
