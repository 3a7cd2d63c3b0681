import axios from 'axios'
import { onTestFinished } from 'vitest'
import { db } from '../../mocks/backend/db'
import { server } from '../../mocks/hosts/node'
import { manualTime } from './manual-time'
import {
  type AuthEvent,
  installAuthInterceptor,
  createAuthSession,
  type AuthSession,
  type AuthSessionOptions,
  type AuthState,
  type StepUpPrompt,
} from '../auth'
import { redactErrorsOf } from '../lib/redact-error'

export const DEMO = { username: 'demo', password: 'demo-password-1' }

/** A hand-driven monotonic clock, so a test decides when a token has expired. */
export const manualClock = manualTime

const disposers: Array<() => void> = []

function endTest(): void {
  while (disposers.length > 0) disposers.pop()?.()
  // Tabs of one test share the origin's storage (the generation counter, a pending logout);
  // the next test is a new browser.
  localStorage.clear()
}

/**
 * Undoes `dispose` once the current test is over. Hooked to the test, not registered when this
 * module loads: test files that share one module cache (vitest's `isolate: false`, as in the
 * mutation run) would otherwise clean up only after the first file's tests.
 */
function whenTestEnds(dispose: () => void): void {
  if (disposers.length === 0) onTestFinished(endTest)
  disposers.push(dispose)
}

/**
 * A session (one simulated tab) with its own API client, an event log, and no cross-tab APIs
 * unless the test passes them. Disposed after the test.
 */
export function createTab(options: AuthSessionOptions = {}) {
  const session = createAuthSession({ locks: null, channel: null, random: () => 0, ...options })
  // Errors are redacted as `apiClient`'s are, so replays are tested with what they really get.
  const api = redactErrorsOf(
    axios.create({ baseURL: '/api', headers: { 'X-Requested-With': 'XMLHttpRequest' } }),
  )
  const uninstall = installAuthInterceptor(api, session)
  const log = awaitableList<AuthEvent>()
  const events = log.items
  const unsubscribe = session.onEvent((event) => log.push(event))
  whenTestEnds(() => {
    unsubscribe()
    uninstall()
    session.dispose()
  })
  const count = (type: AuthEvent['type']) => events.filter((event) => event.type === type).length
  /** Resolves once the session has emitted `times` events of `type` in all. */
  const emitted = (type: AuthEvent['type'], times = 1): Promise<void> =>
    log.until(() => count(type) >= times)
  return { session, api, events, count, emitted }
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
  whenTestEnds(() => server.events.removeListener('request:start', listener))
  return sent
}

/** The server clock jumps ahead, so every access token issued so far is expired there. */
export function expireAccessTokensOnServer(): void {
  db.config.serverClockSkewSec += db.config.accessTokenTtlSec + 60
}

/**
 * Resolves once the session's state meets `accept`, at once when it already does. No timeout of
 * its own: a state that never comes fails the test on the test's timeout.
 */
export function stateReached(
  session: AuthSession,
  accept: (state: AuthState) => boolean,
): Promise<AuthState> {
  return new Promise((resolve) => {
    const now = session.getState()
    if (accept(now)) {
      resolve(now)
      return
    }
    const unsubscribe = session.subscribe(() => {
      const state = session.getState()
      if (!accept(state)) return
      unsubscribe()
      resolve(state)
    })
    whenTestEnds(unsubscribe)
  })
}

/** Resolves with the session's step-up prompt once it is shown. */
export function promptShown(session: AuthSession): Promise<StepUpPrompt> {
  return new Promise((resolve) => {
    const check = () => {
      const prompt = session.stepUp.prompt()
      if (!prompt) return
      unsubscribe()
      resolve(prompt)
    }
    const unsubscribe = session.stepUp.subscribe(check)
    check()
  })
}

/** A list whose growth a test can await: `await seen.until(() => seen.items.length === 4)`. */
export function awaitableList<T>() {
  const items: T[] = []
  const waiters = new Set<{ met: () => boolean; resolve: () => void }>()
  const settle = () => {
    for (const waiter of waiters) {
      if (!waiter.met()) continue
      waiters.delete(waiter)
      waiter.resolve()
    }
  }
  return {
    items,
    push(item: T): void {
      items.push(item)
      settle()
    },
    /** Resolves once `met` holds, checked now and after every push. */
    until(met: () => boolean): Promise<void> {
      return new Promise((resolve) => {
        waiters.add({ met, resolve })
        settle()
      })
    },
  }
}

/**
 * A request held at the mock server until the test lets it go: a handler awaits `held()`, the
 * test awaits `arrived` (the request is at the server), does what must happen meanwhile, then
 * calls `release()`.
 *
 * @example
 * const hold = holdAtServer()
 * server.use(http.get('/api/me', async () => { await hold.held(); return problem(401, …) }))
 */
export function holdAtServer() {
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  let arrive = () => {}
  const arrived = new Promise<void>((resolve) => (arrive = resolve))
  return {
    arrived,
    release: () => release(),
    held(): Promise<void> {
      arrive()
      return released
    },
  }
}
