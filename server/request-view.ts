import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { overTls } from './security-headers.ts'
import { clientAddress, plainAddress, type TrustedProxies } from './trusted-proxies.ts'

/** Who sent a request, and which origin the browser addressed, as far as this server can tell. */
export interface RequestView {
  clientAddress: string
  /** `https:` or `http:`. */
  protocol: string
  /** `host[:port]`, as the browser wrote it. */
  host: string
  /** The app's origin as the browser sees it: what its `Origin` header must be. */
  origin: string
}

export interface ViewSettings {
  trustedProxies: TrustedProxies
  /** `REEL_PUBLIC_ORIGIN`: when set, the origin, whatever any header says. */
  publicOrigin: URL | null
}

/** The last value of a header a proxy may append to: the one the nearest proxy wrote. */
function lastValue(value: IncomingHttpHeaders[string]): string | undefined {
  return [value ?? []].flat().join(',').split(',').at(-1)?.trim()
}

/** A host name or IP literal with an optional port: nothing that could smuggle a path or a user. */
const AUTHORITY = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

/** The origin of `protocol` and `authority`, default port dropped, or null if either is unfit. */
function originOrNull(protocol: string, authority: string | undefined): URL | null {
  if (!authority || !AUTHORITY.test(authority)) return null
  try {
    return new URL(`${protocol}//${authority}`)
  } catch {
    return null
  }
}

/**
 * How this request looks from the browser's side. Behind a proxy this server trusts, the
 * proxy's `X-Forwarded-For`, `-Proto` and `-Host` say it; from any other peer they are ignored,
 * and the socket and `Host` header say it. `REEL_PUBLIC_ORIGIN` overrides both for the origin.
 */
export function viewOf(req: IncomingMessage, settings: ViewSettings): RequestView {
  const peer = plainAddress(req.socket.remoteAddress ?? 'unknown')
  const peerTrusted = settings.trustedProxies.trusts(peer)
  const forwardedProto = peerTrusted ? lastValue(req.headers['x-forwarded-proto']) : undefined
  const forwardedHost = peerTrusted ? lastValue(req.headers['x-forwarded-host']) : undefined
  const protocol = overTls(req) || forwardedProto === 'https' ? 'https:' : 'http:'
  const origin =
    settings.publicOrigin ??
    originOrNull(protocol, forwardedHost) ??
    originOrNull(protocol, req.headers.host) ??
    new URL(`${protocol}//localhost`)
  return {
    clientAddress: clientAddress(peer, req.headers['x-forwarded-for'], settings.trustedProxies),
    protocol: origin.protocol,
    host: origin.host,
    origin: origin.origin,
  }
}
