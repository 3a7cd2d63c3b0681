import { parseArgs } from 'node:util'
import { serve, type ApiBackend } from './serve.ts'
import { sha256Source, type HeaderPolicy } from './security-headers.ts'
import { parseBackendUrl, placementFromEnv } from './settings.ts'

/**
 * `npm run serve`: the built app in production, behind TLS termination or as it is.
 *
 *   --port, PORT               where to listen (default 8080)
 *   --host, HOST               which interface (default: all)
 *   --dir                      the build to serve (default dist)
 *   REEL_API_URL               proxy `/api` to this backend (a path in it is kept) instead of
 *                              the in-process mock
 *   REEL_MOCK=worker           a worker-mode build: no `/api` here, the page runs the mock
 *   REEL_TRUSTED_PROXIES       addresses or CIDR networks of the proxies in front, whose
 *                              X-Forwarded-For, -Proto and -Host are believed (default: none)
 *   REEL_PUBLIC_ORIGIN         the app's origin as browsers see it (default: from a trusted
 *                              proxy's X-Forwarded-Proto and -Host, else the socket and Host)
 *   REEL_LAB=open              let anyone change the mock's lab (default: only this machine)
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    dir: { type: 'string', default: 'dist' },
  },
})

const portText = values.port ?? process.env.PORT ?? '8080'
const port = Number(portText)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  throw new Error(`the port must be a number from 0 to 65535, not "${portText}"`)
}
const mock = process.env.REEL_MOCK
if (mock && !['http', 'worker'].includes(mock)) {
  throw new Error(`REEL_MOCK must be "http" or "worker", not "${mock}"`)
}

const apiUrl = process.env.REEL_API_URL
const api: ApiBackend = apiUrl
  ? { kind: 'proxy', target: parseBackendUrl('REEL_API_URL', apiUrl) }
  : mock === 'worker'
    ? { kind: 'none' }
    : { kind: 'mock' }

const policy: HeaderPolicy = {
  mode: 'production',
  apiDocumentStyleHashes:
    api.kind === 'none'
      ? [sha256Source((await import('../mocks/providers/consent-pages.ts')).CONSENT_PAGE_STYLE)]
      : [],
}

const { server, port: listening } = await serve(
  { dir: values.dir, api, policy, ...placementFromEnv(process.env) },
  port,
  values.host ?? process.env.HOST,
)
console.info(`Reel is served on http://localhost:${listening} (API: ${api.kind})`)

// A platform stops a container with SIGTERM: finish the requests in flight, then leave cleanly.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0))
    server.closeIdleConnections()
  })
}
