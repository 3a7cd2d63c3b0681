import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { sendProblem } from './problem.ts'
import type { RequestView } from './request-view.ts'

/** Headers about one connection, not the message: never passed on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/**
 * Headers about the client and how it came in. This server writes its own (`X-Forwarded-For`,
 * `-Host`, `-Proto`) from what it resolved; whatever arrived is dropped, so the backend never
 * reads a claim this server did not check, in this dialect or another.
 */
const ABOUT_THE_CLIENT = /^(forwarded|x-real-ip|x-forwarded-.*)$/

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)))
}

/** What the backend is told of the client: one address, the browser's host and scheme. */
function forwardedHeaders(view: RequestView): Record<string, string> {
  return {
    'x-forwarded-for': view.clientAddress,
    'x-forwarded-host': view.host,
    'x-forwarded-proto': view.protocol.replace(/:$/, ''),
  }
}

/**
 * Streams a request to the backend at `target` and its answer back. The request's path goes
 * after the target's own path (`http://api.internal/reel` + `/api/me`), exactly as it came:
 * the caller lets only canonical `/api/` paths through. The backend's own headers win over this
 * server's, as they would behind nginx.
 */
export function apiProxy(target: URL, viewOf: (req: IncomingMessage) => RequestView) {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  const basePath = target.pathname.replace(/\/$/, '')
  return (req: IncomingMessage, res: ServerResponse): void => {
    const clientHeaders = Object.entries(endToEnd(req.headers)).filter(
      ([name]) => !ABOUT_THE_CLIENT.test(name),
    )
    const upstream = send(
      {
        protocol: target.protocol,
        // An IPv6 literal is bracketed in a URL, bare in a socket address.
        hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: target.port,
        path: `${basePath}${req.url ?? '/'}`,
        method: req.method ?? 'GET',
        headers: {
          ...Object.fromEntries(clientHeaders),
          host: target.host,
          ...forwardedHeaders(viewOf(req)),
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers))
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      if (res.headersSent) return void res.destroy()
      sendProblem(res, 502, 'bad_gateway', 'The API is unreachable.')
    })
    req.pipe(upstream)
  }
}
