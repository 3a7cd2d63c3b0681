// @vitest-environment node
import axios, { AxiosError, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createFakeTabsEnvironment } from '../test/fake-tabs'
import { manualTime } from '../test/manual-time'
import { isOver, isReconnecting } from './auth-state'
import type { StorageLike } from './cross-tab'
import { installAuthInterceptor } from './interceptor'
import { createAuthSession, type AuthSession } from './session'
import { DEMO_USER } from '../test/demo-user'

/** What the fake server answers to the next refresh, in the order drawn. */
type Answer =
  | 'ok'
  | 'refresh_expired'
  | 'refresh_invalid'
  | 'refresh_reused'
  | 'session_revoked'
  | 'throttled'
  | 'unavailable'
  | 'network'
  | 'malformed'

type Op =
  | { kind: 'request'; tab: number; abort: boolean; timeoutMs: number }
  | { kind: 'expire' }
  | { kind: 'advance'; ms: number }
  | { kind: 'wake'; tab: number }
  | { kind: 'sign-out'; tab: number }

const problemBody = (status: number, code: string) => ({ title: code, status, code })

/** Time that moves only when the test says so; every session timer runs on it. */
function memoryStorage(): StorageLike {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

/** One origin: a cookie jar and a server session with refresh-token rotation, several tabs. */
async function runScenario(
  scheduler: fc.Scheduler,
  tabCount: number,
  answers: readonly Answer[],
  ops: readonly Op[],
) {
  const time = manualTime(0)
  const env = createFakeTabsEnvironment()
  const storage = memoryStorage()
  const violations: string[] = []
  const server = {
    alive: true,
    cookie: 1,
    tokenSerial: 0,
    valid: new Set<string>(),
    issued: new Set<string>(),
    refreshesInFlight: 0,
    answerIndex: 0,
  }
  const refreshLog: Array<{ tab: number; at: number; outcome: 'ok' | 'transient' | 'other' }> = []

  const reply = (
    config: InternalAxiosRequestConfig,
    status: number,
    data: unknown,
    headers = {},
  ) => {
    const response = { data, status, statusText: '', headers, config, request: {} }
    if (status >= 400) {
      throw new AxiosError('failed', undefined, config, {}, response)
    }
    return response
  }

  const issue = () => {
    const token = `t${++server.tokenSerial}`
    server.valid.add(token)
    server.issued.add(token)
    return { accessToken: token, tokenType: 'Bearer', expiresIn: 60, user: DEMO_USER }
  }

  function authAdapter(tab: number): AxiosAdapter {
    return async (config) => {
      const path = config.url ?? ''
      if (path.endsWith('/auth/logout')) {
        await scheduler.schedule(Promise.resolve(), `tab ${tab} logout`)
        server.alive = false
        server.valid.clear()
        return reply(config, 204, '')
      }
      if (path.endsWith('/auth/login')) {
        server.alive = true
        server.cookie++
        return reply(config, 200, issue())
      }
      // The refresh: the cookie is read when the request leaves, as a browser would.
      const presented = server.cookie
      server.refreshesInFlight++
      if (server.refreshesInFlight > 1) violations.push('two refresh calls in flight')
      const answer = answers[server.answerIndex++ % answers.length] ?? 'ok'
      await scheduler.schedule(Promise.resolve(), `tab ${tab} refresh → ${answer}`)
      server.refreshesInFlight--
      const log = (outcome: 'ok' | 'transient' | 'other') =>
        refreshLog.push({ tab, at: time.now(), outcome })
      if (!server.alive) {
        log('other')
        return reply(config, 401, problemBody(401, 'refresh_invalid'))
      }
      if (presented !== server.cookie) {
        violations.push('a rotated refresh cookie was presented again')
        server.alive = false
        log('other')
        return reply(config, 401, problemBody(401, 'refresh_reused'))
      }
      switch (answer) {
        case 'ok':
          server.cookie++
          server.valid.clear()
          log('ok')
          return reply(config, 200, issue())
        case 'throttled':
          log('transient')
          return reply(config, 429, problemBody(429, 'rate_limited'), { 'retry-after': '2' })
        case 'unavailable':
          log('transient')
          return reply(config, 503, problemBody(503, 'server_error'))
        case 'network':
          log('transient')
          throw new AxiosError('Network Error', AxiosError.ERR_NETWORK, config)
        case 'malformed':
          log('transient')
          return reply(config, 200, { accessToken: 42 })
        default:
          server.alive = false
          log('other')
          return reply(config, 401, problemBody(401, answer))
      }
    }
  }

  const apiAdapter: AxiosAdapter = async (config) => {
    await scheduler.schedule(Promise.resolve(), `api ${config.url ?? ''}`)
    const header = config.headers.Authorization
    const token = typeof header === 'string' ? header.replace(/^Bearer /, '') : null
    if (token !== null && !server.issued.has(token)) violations.push('a token never issued')
    const sent = (config.headers['X-Send-Count'] = Number(config.headers['X-Send-Count'] ?? 0) + 1)
    if (sent > 2) violations.push('a request sent three times')
    if (token === null || !server.valid.has(token)) {
      return reply(config, 401, problemBody(401, token ? 'token_expired' : 'token_missing'))
    }
    return reply(config, 200, DEMO_USER)
  }

  const wakes: Array<() => void> = []
  const tabs: Array<{ session: AuthSession; api: ReturnType<typeof axios.create> }> = []
  for (let index = 0; index < tabCount; index++) {
    const http = axios.create({ baseURL: '/api', adapter: authAdapter(index) })
    const session = createAuthSession({
      http,
      locks: env.locks,
      channel: env.openChannel(),
      storage,
      clock: time.now,
      timers: time.timers,
      wakeSources: [
        (wake) => {
          wakes[index] = wake
          return () => undefined
        },
      ],
      random: () => 0,
    })
    const api = axios.create({ baseURL: '/api', adapter: apiAdapter })
    installAuthInterceptor(api, session)
    tabs.push({ session, api })
  }

  /** Lets every promise chain run (one macrotask) and answers all that reached the server. */
  const settle = async () => {
    for (let round = 0; round < 50; round++) {
      await new Promise((done) => setImmediate(done))
      if (scheduler.count() === 0) return
      await scheduler.waitAll()
    }
  }

  const first = tabs[0]
  if (!first) throw new Error('no tab')
  await first.session.signIn({ username: 'demo', password: 'x' })
  await settle()

  const settledCount = new Map<number, number>()
  const requests: Array<Promise<unknown>> = []
  let signedOutAt: number | null = null
  for (const [index, op] of ops.entries()) {
    const tab = 'tab' in op ? tabs[op.tab % tabs.length] : undefined
    switch (op.kind) {
      case 'request': {
        if (!tab) break
        const controller = new AbortController()
        const count = () => settledCount.set(index, (settledCount.get(index) ?? 0) + 1)
        requests.push(
          tab.api
            .get('/me', { signal: controller.signal, timeout: op.timeoutMs })
            .then(count, count),
        )
        if (op.abort) void scheduler.schedule(Promise.resolve()).then(() => controller.abort())
        break
      }
      case 'expire':
        server.valid.clear()
        break
      case 'advance':
        time.advance(op.ms)
        break
      case 'wake':
        wakes[op.tab % tabs.length]?.()
        break
      case 'sign-out':
        if (!tab) break
        signedOutAt ??= index
        requests.push(tab.session.signOut())
        break
    }
    if (scheduler.count() > 0) await scheduler.waitOne()
    // From the moment a sign-out begins, nothing may carry the ended session's token.
    for (const { session } of tabs) {
      const { phase } = session.getState()
      if (isOver(session.getState()) && session.accessToken() !== null) {
        violations.push(`a tab ${phase} holds a token`)
      }
    }
  }
  for (let round = 0; round < 30; round++) {
    await settle()
    time.advance(1000)
  }
  // The server heals: every session that was reconnecting must reach an end.
  answers = ['ok']
  for (let round = 0; round < 40; round++) {
    await settle()
    time.advance(5_000)
  }
  await settle()
  await Promise.all(requests)

  for (const [index, op] of ops.entries()) {
    if (op.kind === 'request' && settledCount.get(index) !== 1) {
      violations.push(`request ${index} settled ${settledCount.get(index) ?? 0} times`)
    }
  }
  for (const { session } of tabs) {
    const state = session.getState()
    if (isReconnecting(state)) violations.push('a tab still reconnecting after the server healed')
    if (state.phase === 'signed-out' && session.accessToken() !== null) {
      violations.push('a signed-out tab holds a token')
    }
    if (signedOutAt !== null && state.phase !== 'signed-out') {
      violations.push('a tab signed in again after a sign-out')
    }
  }
  // Backoff: after a transient failure, one more attempt at most inside the shortest window.
  for (const [i, failure] of refreshLog.entries()) {
    if (failure.outcome !== 'transient') continue
    const inside = refreshLog
      .slice(i + 1)
      .filter((call) => call.tab === failure.tab && call.at < failure.at + 500)
    if (inside.length > 1) violations.push('two refreshes inside one backoff window')
  }
  for (const { session } of tabs) session.dispose()
  return violations
}

const answerArb = fc.constantFrom<Answer>(
  'ok',
  'ok',
  'ok',
  'refresh_expired',
  'refresh_invalid',
  'refresh_reused',
  'session_revoked',
  'throttled',
  'unavailable',
  'network',
  'malformed',
)

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      tab: fc.nat(3),
      abort: fc.boolean(),
      timeoutMs: fc.constantFrom(0, 0, 500, 5_000),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expire' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(100, 1_000, 50_000, 120_000),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wake' as const), tab: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sign-out' as const), tab: fc.nat(3) }) },
)

describe('the session against a model of the server, on generated schedules', () => {
  it('keeps every invariant in one to three tabs', { timeout: 20_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 3 }),
        fc.array(answerArb, { minLength: 1, maxLength: 6 }),
        fc.array(opArb, { maxLength: 12 }),
        async (scheduler, tabCount, answers, ops) => {
          expect(await runScenario(scheduler, tabCount, answers, ops)).toEqual([])
        },
      ),
      { seed: 20261128, numRuns: 150, endOnFailure: true },
    )
  })
})
