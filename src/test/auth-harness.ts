import axios from 'axios'
import { afterEach } from 'vitest'
import { db } from '../../mocks/db'
import { server } from '../../mocks/node'
import type { AuthEvent } from '../auth/events'
import { installAuthInterceptor } from '../auth/interceptor'
import { createAuthSession, type AuthSessionOptions } from '../auth/session'

export const DEMO = { username: 'demo', password: 'demo-password-1' }

/** A hand-driven monotonic clock, so a test decides when a token has expired. */
export function manualClock(start = 1_000) {
  let now = start
  return {
    now: () => now,
    advance(ms: number) {
      now += ms
    },
  }
}

const disposers: Array<() => void> = []
afterEach(() => {
  while (disposers.length > 0) disposers.pop()?.()
  // Tabs of one test share the origin's storage (the generation counter, a pending logout);
  // the next test is a new browser.
  localStorage.clear()
})

/**
 * A session (one simulated tab) with its own API client, an event log, and no cross-tab APIs
 * unless the test passes them. Disposed after the test.
 */
export function createTab(options: AuthSessionOptions = {}) {
  const session = createAuthSession({ locks: null, channel: null, random: () => 0, ...options })
  const api = axios.create({ baseURL: '/api', headers: { 'X-Requested-With': 'XMLHttpRequest' } })
  const uninstall = installAuthInterceptor(api, session)
  const events: AuthEvent[] = []
  const unsubscribe = session.onEvent((event) => events.push(event))
  disposers.push(() => {
    unsubscribe()
    uninstall()
    session.dispose()
  })
  const count = (type: AuthEvent['type']) => events.filter((event) => event.type === type).length
  return { session, api, events, count }
}

/** How many times each request URL reached the server in this test. */
export function countRequests() {
  const sent = new Map<string, number>()
  const listener = ({ request }: { request: Request }) => {
    const url = new URL(request.url)
    const key = `${request.method} ${url.pathname}${url.search}`
    sent.set(key, (sent.get(key) ?? 0) + 1)
  }
  server.events.on('request:start', listener)
  disposers.push(() => server.events.removeListener('request:start', listener))
  return sent
}

/** The server clock jumps ahead, so every access token issued so far is expired there. */
export function expireAccessTokensOnServer(): void {
  db.config.serverClockSkewSec += db.config.accessTokenTtlSec + 60
}
