import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isHttps } from './security-headers.ts'

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

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)))
}

/**
 * The `X-Forwarded-For` to send upstream: the address of whoever connected to this server, last.
 * What the client claimed before it is kept only behind a proxy this server trusts; otherwise a
 * browser could name any address and the backend's per-client throttle would believe it.
 */
export function forwardedFor(req: IncomingMessage, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? 'unknown'
  const earlier = req.headers['x-forwarded-for']
  const chain = trustProxy && earlier ? [earlier].flat().join(', ') : ''
  return chain ? `${chain}, ${peer}` : peer
}

/**
 * Streams a request to `target` (scheme, host and port; the path is kept as it came) and its
 * answer back. The backend's own headers win over this server's, as they would behind nginx.
 */
export function apiProxy(target: URL, trustProxy: boolean) {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  return (req: IncomingMessage, res: ServerResponse): void => {
    const upstream = send(
      new URL(req.url ?? '/', target.origin),
      {
        method: req.method ?? 'GET',
        headers: {
          ...endToEnd(req.headers),
          host: target.host,
          'x-forwarded-for': forwardedFor(req, trustProxy),
          'x-forwarded-host': req.headers.host ?? '',
          'x-forwarded-proto': isHttps(req, trustProxy) ? 'https' : 'http',
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers))
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      if (res.headersSent) return void res.destroy()
      res.writeHead(502, { 'Content-Type': 'application/problem+json' })
      res.end(
        JSON.stringify({
          type: 'https://reel.example/problems/bad_gateway',
          title: 'The API is unreachable.',
          status: 502,
          code: 'bad_gateway',
        }),
      )
    })
    req.pipe(upstream)
  }
}
