import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:http'
import { getResponse, type RequestHandler } from 'msw'
import { recordClientAddress } from '../backend/client-address.ts'
import { handlers } from './handlers.ts'
import { lockLabFor } from '../backend/lab-lock.ts'
import { problem } from '../backend/problem.ts'
import {
  configureProviderTransport,
  providerBaseUrlsFromEnv,
} from '../backend/provider-transport.ts'

const MAX_BODY_BYTES = 64 * 1024

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Who sent a request, and which origin the browser addressed, as the host tells it. */
export interface HostView {
  clientAddress: string
  origin: string
}

/**
 * A host with nothing in front of it: the client is the TCP peer, and the origin is plain HTTP
 * to whatever `Host` names. `npm run serve` tells its own, proxy-aware view instead.
 */
export function directView(req: IncomingMessage): HostView {
  return {
    clientAddress: req.socket.remoteAddress ?? 'unknown',
    origin: `http://${req.headers.host ?? 'localhost'}`,
  }
}

export interface HostOptions {
  view?: (req: IncomingMessage) => HostView
  /** Whether a client at this address may change the lab; absent: anyone may. */
  mayChangeLab?: (clientAddress: string) => boolean
}

async function toFetchRequest(
  req: IncomingMessage,
  view: HostView,
  mayChangeLab: HostOptions['mayChangeLab'],
): Promise<Request> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item))
    else if (value !== undefined) headers.set(name, value)
  }
  const method = req.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? null : await readBody(req)
  const request = new Request(new URL(req.url ?? '/', view.origin), {
    method,
    headers,
    body: body && body.length > 0 ? new Uint8Array(body) : null,
  })
  // For per-client throttling: from the socket, or from a proxy this host was told to trust.
  recordClientAddress(request, view.clientAddress)
  if (mayChangeLab && !mayChangeLab(view.clientAddress)) lockLabFor(request)
  return request
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies)
  res.end(Buffer.from(await response.arrayBuffer()))
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void>

/**
 * A Connect-style middleware that answers `/api/*` with these MSW handlers and passes everything
 * else on.
 */
export function serveHandlers(
  routes: readonly RequestHandler[],
  { view = directView, mayChangeLab }: HostOptions = {},
): Middleware {
  return async (req, res, next) => {
    if (!req.url?.startsWith('/api/')) return next()
    const seen = view(req)
    try {
      const request = await toFetchRequest(req, seen, mayChangeLab)
      const response = await getResponse([...routes], request, { baseUrl: seen.origin })
      // A simulated network failure: drop the connection, as a dead server would.
      if (!response || response.type === 'error') return void req.socket.destroy()
      await send(res, response)
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        // The rest of the body is never read, so the connection cannot carry another request.
        return send(
          res,
          problem(413, 'payload_too_large', 'The request is too large.', {
            headers: { Connection: 'close' },
          }),
        )
      }
      console.error('[mock api] unhandled error for', req.method, req.url, error)
      await send(res, problem(500, 'server_error', 'Something went wrong on our side.'))
    }
  }
}

/**
 * The host name this server reaches itself at. An IPv6 literal would become the `Host` of the
 * call and then part of MSW's URL pattern, which cannot parse one; `localhost` reaches the same
 * loopback socket, and an IPv4-mapped address is its IPv4 address.
 */
function selfHost(localAddress: string): string {
  if (localAddress.startsWith('::ffff:')) return localAddress.slice('::ffff:'.length)
  return localAddress.includes(':') ? 'localhost' : localAddress
}

/**
 * Serves the mock API over real HTTP. Cookies here are the browser's own, so `HttpOnly`,
 * `Secure`, `SameSite` and `Path` are enforced for real, and every tab shares one server state.
 * The backend reaches the providers over HTTP too: at this host, or where the environment says.
 */
export function mockApiMiddleware(options: HostOptions = {}): Middleware {
  configureProviderTransport({ baseUrls: providerBaseUrlsFromEnv(process.env) })
  const serve = serveHandlers(handlers, options)
  return (req, res, next) => {
    const { localAddress, localPort } = req.socket
    if (localAddress !== undefined && localPort !== undefined) {
      configureProviderTransport({ selfOrigin: `http://${selfHost(localAddress)}:${localPort}` })
    }
    return serve(req, res, next)
  }
}

/** A standalone server for a middleware, on 127.0.0.1 unless told otherwise. Port 0 picks one. */
export async function startServer(
  middleware: Middleware,
  port = 0,
  host = '127.0.0.1',
): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.statusCode = 404
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return { server, origin: `http://${host}:${address.port}` }
}

/** A standalone mock API server, for contract tests and benchmarks. Port 0 picks a free one. */
export function startMockServer(port = 0): Promise<{ server: Server; origin: string }> {
  return startServer(mockApiMiddleware(), port)
}
