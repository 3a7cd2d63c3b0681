import { parseTrustedProxies, type TrustedProxies } from './trusted-proxies.ts'

/**
 * The settings of `npm run serve` that say where it stands: behind which proxies, at which
 * public origin, and who may drive the mock backend's lab. Each is checked at start-up, and a
 * malformed value stops the server with a message that names it.
 */
export interface PlacementSettings {
  trustedProxies: TrustedProxies
  publicOrigin: URL | null
  /** `open`: anyone may change the lab; `locked`: only a client on this machine may. */
  lab: 'open' | 'locked'
}

/** An `http:` or `https:` URL without credentials, or null. */
function httpUrlOrNull(text: string): URL | null {
  try {
    const url = new URL(text)
    const fit = ['http:', 'https:'].includes(url.protocol) && !url.username && !url.password
    return fit ? url : null
  } catch {
    return null
  }
}

/** An origin and nothing more: scheme `http` or `https`, host, optional port. */
export function parseOrigin(name: string, text: string): URL {
  const url = httpUrlOrNull(text)
  if (!url || url.origin !== text.replace(/\/$/, '')) {
    throw new Error(`${name} must be an origin such as https://reel.example, not "${text}"`)
  }
  return url
}

/**
 * A backend's base URL: `http(s)://host[:port]` and optionally a path it lives under, which
 * every proxied path is put after. No query, fragment or credentials.
 */
export function parseBackendUrl(name: string, text: string): URL {
  const url = httpUrlOrNull(text)
  if (!url || /[?#]/.test(text)) {
    throw new Error(
      `${name} must be a backend URL such as http://127.0.0.1:8000 or http://api.internal/reel, not "${text}"`,
    )
  }
  return url
}

export function placementFromEnv(env: NodeJS.ProcessEnv): PlacementSettings {
  if (env.REEL_TRUST_PROXY !== undefined) {
    throw new Error(
      'REEL_TRUST_PROXY is no longer read: list the proxies in front in REEL_TRUSTED_PROXIES (e.g. 127.0.0.1,10.0.0.0/8)',
    )
  }
  const lab = env.REEL_LAB ?? 'locked'
  if (lab !== 'open' && lab !== 'locked') {
    throw new Error(`REEL_LAB must be "open" or "locked", not "${lab}"`)
  }
  return {
    trustedProxies: parseTrustedProxies(env.REEL_TRUSTED_PROXIES),
    publicOrigin: env.REEL_PUBLIC_ORIGIN
      ? parseOrigin('REEL_PUBLIC_ORIGIN', env.REEL_PUBLIC_ORIGIN)
      : null,
    lab,
  }
}
