import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:http'
import { getResponse, type RequestHandler } from 'msw'
import { recordClientAddress } from './client-address.ts'
import { handlers } from './handlers/index.ts'
import { problem } from './problem.ts'
import { configureProviderTransport, providerBaseUrlsFromEnv } from './provider-transport.ts'

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

/**
 * The client's address: the TCP peer's, or, behind a proxy this host was told to trust, the
 * address that proxy appended last to `X-Forwarded-For` (what a client wrote before it is theirs
 * to forge, so only the rightmost entry counts).
 */
export function clientAddress(
  req: { socket: { remoteAddress?: string | undefined }; headers: IncomingHttpHeaders },
  trustProxy: boolean,
): string {
  const peer = req.socket.remoteAddress ?? 'unknown'
  if (!trustProxy) return peer
  const forwarded = req.headers['x-forwarded-for']
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',')
  return list.at(-1)?.trim() || peer
}

async function toFetchRequest(
  req: IncomingMessage,
  origin: string,
  trustProxy: boolean,
): Promise<Request> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item))
    else if (value !== undefined) headers.set(name, value)
  }
  const method = req.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? null : await readBody(req)
  const request = new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: body && body.length > 0 ? new Uint8Array(body) : null,
  })
  // For per-client throttling: from the socket, or from a proxy this host was told to trust.
  recordClientAddress(request, clientAddress(req, trustProxy))
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
export function serveHandlers(routes: readonly RequestHandler[], trustProxy = false): Middleware {
  return async (req, res, next) => {
    if (!req.url?.startsWith('/api/')) return next()
    const origin = `http://${req.headers.host ?? 'localhost'}`
    try {
      const request = await toFetchRequest(req, origin, trustProxy)
      const response = await getResponse([...routes], request, { baseUrl: origin })
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
 * `trustProxy`: a proxy this host runs behind writes the client's address in `X-Forwarded-For`.
 */
export function mockApiMiddleware({ trustProxy = false } = {}): Middleware {
  configureProviderTransport({ baseUrls: providerBaseUrlsFromEnv(process.env) })
  const serve = serveHandlers(handlers, trustProxy)
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
