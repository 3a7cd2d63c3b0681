import type { SocialProvider } from '../../contract/providers.ts'

/**
 * How Reel's mock backend reaches the providers' token and user-info endpoints: over HTTP by
 * default, at this same host's `/api/oauth/:provider/` unless a base URL is configured for the
 * provider (the standalone providers server, or a fake one in a test). The worker-mode host has no
 * server to call and hands the requests to the provider handlers in the page instead.
 */

export type ProviderFetch = (request: Request) => Promise<Response>

export interface ProviderTransport {
  fetch: ProviderFetch
  /** A provider's base URL, e.g. `http://127.0.0.1:9090/api/oauth/google`. */
  baseUrls: Partial<Record<SocialProvider, string>>
  /**
   * Where this host itself listens, as its socket says: the calls to its own providers go there,
   * never to the request's Host header, which a client chooses (and would receive the code and
   * the client secret). Null where there is no socket (worker mode, unit tests).
   */
  selfOrigin: string | null
}

const defaultTransport: ProviderTransport = {
  fetch: (request) => fetch(request),
  baseUrls: {},
  selfOrigin: null,
}

let transport = defaultTransport

export function configureProviderTransport(change: Partial<ProviderTransport>): void {
  transport = { ...transport, ...change }
}

export function resetProviderTransport(): void {
  transport = defaultTransport
}

/**
 * The URL of a provider endpoint: `authorize` for a browser that reached this host at
 * `requestOrigin`, `token` and `userinfo` for this host's own calls.
 */
export function providerEndpoint(
  provider: SocialProvider,
  endpoint: 'authorize' | 'token' | 'userinfo',
  requestOrigin: string,
): string {
  const origin = endpoint === 'authorize' ? requestOrigin : (transport.selfOrigin ?? requestOrigin)
  const base = transport.baseUrls[provider] ?? `${origin}/api/oauth/${provider}`
  return `${base.replace(/\/+$/, '')}/${endpoint}`
}

export function callProvider(request: Request): Promise<Response> {
  return transport.fetch(request)
}

/**
 * Base URLs from the environment: `REEL_OAUTH_PROVIDERS_URL` (the standalone server's origin) for
 * all three, `REEL_OAUTH_GOOGLE_URL` (and KAKAO, NAVER) for one, the latter winning.
 */
export function providerBaseUrlsFromEnv(
  env: Record<string, string | undefined>,
): ProviderTransport['baseUrls'] {
  const baseUrls: ProviderTransport['baseUrls'] = {}
  const shared = env['REEL_OAUTH_PROVIDERS_URL']?.replace(/\/+$/, '')
  for (const provider of ['google', 'kakao', 'naver'] as const) {
    const own = env[`REEL_OAUTH_${provider.toUpperCase()}_URL`]
    const base = own ?? (shared === undefined ? undefined : `${shared}/api/oauth/${provider}`)
    if (base !== undefined) baseUrls[provider] = base
  }
  return baseUrls
}
