import { Agent } from 'node:http'
import axios, {
  type AxiosAdapter,
  type AxiosInstance,
  type InternalAxiosRequestConfig,
} from 'axios'
import { createCookieJar, type CookieJar } from './cookie-jar'

/** The header that names one logical request, so its replays can be counted as the same one. */
export const REQUEST_ID = 'X-Bench-Id'

/** Unlimited sockets, or six per host as an HTTP/1.1 browser allows. */
export type Connections = 'unlimited' | 'six'

export function createAgent(connections: Connections): Agent {
  return new Agent({ keepAlive: true, maxSockets: connections === 'six' ? 6 : Infinity })
}

/**
 * What actually went over the wire for one client in one run, seen below every interceptor: how
 * often each logical request was sent, the token its last send carried, and the access tokens
 * the refreshes handed out, in order.
 */
export function createWireLog() {
  const sends = new Map<string, number>()
  const lastToken = new Map<string, string>()
  const refreshedTokens: string[] = []
  let onRefreshSent: (() => void) | null = null

  function record(config: InternalAxiosRequestConfig): void {
    const id = config.headers.get(REQUEST_ID)
    if (typeof id === 'string') {
      sends.set(id, (sends.get(id) ?? 0) + 1)
      const authorization = config.headers.get('Authorization')
      if (typeof authorization === 'string') lastToken.set(id, authorization.slice(7))
    }
  }

  const http = axios.getAdapter('http')
  const adapter: AxiosAdapter = async (config) => {
    const isRefresh = config.url?.endsWith('/auth/refresh') ?? false
    record(config)
    if (isRefresh) onRefreshSent?.()
    const response = await http(config)
    if (isRefresh) {
      // Below axios's response transforms, the body is still the raw JSON text.
      const token = /"accessToken":"([^"]+)"/.exec(String(response.data))?.[1]
      if (token !== undefined) refreshedTokens.push(token)
    }
    return response
  }

  return {
    adapter,
    /** The most times any one logical request was sent (1 = never replayed). */
    maxSends: (): number => Math.max(0, ...sends.values()),
    sendsOf: (id: string): number => sends.get(id) ?? 0,
    /** 1 for a token from the first refresh, 2 for the second …; 0 for any other token. */
    refreshGenerationOf(id: string): number {
      const token = lastToken.get(id)
      return token === undefined ? 0 : refreshedTokens.indexOf(token) + 1
    },
    /** Called as each refresh request leaves, before its answer. */
    onRefreshSent(listener: (() => void) | null): void {
      onRefreshSent = listener
    },
  }
}

export type WireLog = ReturnType<typeof createWireLog>

/** One simulated browser: its connection pool, its cookies and the log of what it sent. */
export interface Wire {
  agent: Agent
  jar: CookieJar
  log: WireLog
}

export function createWire(connections: Connections): Wire {
  return { agent: createAgent(connections), jar: createCookieJar(), log: createWireLog() }
}

/** Routes an instance through a simulated browser's pool, cookies and wire log. */
export function attachWire(client: AxiosInstance, wire: Wire): AxiosInstance {
  client.defaults.httpAgent = wire.agent
  client.defaults.adapter = wire.log.adapter
  wire.jar.install(client)
  return client
}

/** An instance configured like the app's own API client, routed through `wire`. */
export function createApiClient(origin: string, wire: Wire): AxiosInstance {
  return attachWire(
    axios.create({
      baseURL: `${origin}/api`,
      timeout: 15_000,
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    }),
    wire,
  )
}
