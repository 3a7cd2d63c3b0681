import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import sirv from 'sirv'
import { apiProxy } from './api-proxy.ts'
import { isCanonicalApiPath } from './api-path.ts'
import { sendProblem } from './problem.ts'
import { viewOf, type RequestView } from './request-view.ts'
import {
  API_PREFIX,
  CACHE_HASHED,
  CACHE_REVALIDATE,
  HASHED_ASSETS_PREFIX,
  securityHeadersMiddleware,
  type HeaderPolicy,
} from './security-headers.ts'
import type { PlacementSettings } from './settings.ts'
import { LOOPBACK } from './trusted-proxies.ts'

export type ApiBackend =
  /** The mock backend in this process (mocks/hosts/http.ts). */
  | { kind: 'mock' }
  /** A real backend: `/api` is proxied to it. */
  | { kind: 'proxy'; target: URL }
  /** None: a worker-mode build, whose API lives in a service worker in the page. */
  | { kind: 'none' }

export interface ServeOptions extends PlacementSettings {
  /** The built app (`vite build` output, with its .br and .gz twins). */
  dir: string
  api: ApiBackend
  policy: HeaderPolicy
}

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

function notFound(_req: IncomingMessage, res: ServerResponse): void {
  res.statusCode = 404
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.end('Not found')
}

/**
 * A path under `/api/` that another server could read as one outside it (`/api/%2e%2e/admin`)
 * is refused here, before the mock or the backend sees it.
 */
const refuseUncanonicalApiPaths: Handler = (req, res, next) => {
  if (!req.url?.startsWith(API_PREFIX) || isCanonicalApiPath(req.url)) return next()
  sendProblem(res, 404, 'not_found', 'Not found.')
}

async function apiHandler(
  options: ServeOptions,
  view: (req: IncomingMessage) => RequestView,
): Promise<Handler> {
  const { api } = options
  if (api.kind === 'proxy') {
    const proxy = apiProxy(api.target, view)
    return (req, res, next) => (req.url?.startsWith(API_PREFIX) ? proxy(req, res) : next())
  }
  if (api.kind === 'mock') {
    // Loaded only here, so a server in front of a real backend never starts the mock's keys.
    const { mockApiMiddleware } = await import('../mocks/hosts/http.ts')
    return mockApiMiddleware({
      view,
      // A public demo is not a lab for strangers: only a client on this machine may bend it.
      ...(options.lab === 'locked' && { mayChangeLab: (address) => LOOPBACK.trusts(address) }),
    })
  }
  return (_req, _res, next) => next()
}

/**
 * The production server's request handler: the header policy on every response, `/healthz`,
 * the API, then the built files. Any path without a file extension outside `/assets/` is a
 * client route and gets index.html; a missing file is a 404, never the app.
 */
export async function reelHandler(options: ServeOptions) {
  const view = (req: IncomingMessage) => viewOf(req, options)
  const chain: Handler[] = [
    securityHeadersMiddleware(options.policy, (req) => view(req).protocol === 'https:'),
    (req, res, next) => {
      if (req.url !== '/healthz') return next()
      res.setHeader('Content-Type', 'application/json')
      res.setHeader('Cache-Control', 'no-store')
      res.end(JSON.stringify({ status: 'ok' }))
    },
    refuseUncanonicalApiPaths,
    await apiHandler(options, view),
    sirv(options.dir, {
      single: true,
      // sirv already sends a path with a file extension to the 404; so does everything in assets.
      ignores: [`^${HASHED_ASSETS_PREFIX}`],
      brotli: true,
      gzip: true,
      etag: true,
      setHeaders: (res, pathname) =>
        res.setHeader(
          'Cache-Control',
          pathname.startsWith(HASHED_ASSETS_PREFIX) ? CACHE_HASHED : CACHE_REVALIDATE,
        ),
    }),
  ]
  return (req: IncomingMessage, res: ServerResponse): void => {
    const run = (index: number): void => {
      const handler = chain[index]
      if (!handler) return notFound(req, res)
      handler(req, res, () => run(index + 1))
    }
    run(0)
  }
}

/** Starts the server; resolves once it listens. Port 0 picks a free one. */
export async function serve(
  options: ServeOptions,
  port: number,
  host?: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer(await reelHandler(options))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return { server, port: address.port }
}
