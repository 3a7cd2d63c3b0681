// @vitest-environment node
import axios, { AxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import { describe, expect, it } from 'vitest'
import { DEMO_USER } from '../test/demo-user'
import { manualTime } from '../test/manual-time'
import type { TokenResponse } from './auth-api'
import type { CrossTab, Lease } from './cross-tab'
import { createDeferred, type Deferred } from './deferred'
import { AuthError, sessionEndedError } from './errors'
import { createEventStream, type AuthEvent } from './events'
import { createRefresh } from './refresh'
import { refreshLeadMs } from './scheduler'
import { createTokenStore } from './token-store'

const LIFETIME_SEC = 300

/** One `POST /auth/refresh` the refresh sent; the test answers it when it likes. */
interface Sent {
  config: InternalAxiosRequestConfig
  answer: Deferred<AxiosResponse>
}

/** An auth client whose refresh calls wait for the test to answer them. */
function refreshServer() {
  const sent: Sent[] = []
  const arrivals = new Set<() => void>()
  let down = false
  const http = axios.create({
    adapter: (config) => {
      const answer = createDeferred<AxiosResponse>()
      sent.push({ config, answer })
      for (const arrived of arrivals) arrived()
      if (down) unreachable({ config, answer })
      return answer.promise
    },
  })
  /** Resolves with the `n`th call (from 1) once it has been sent. */
  const call = (n = 1): Promise<Sent> =>
    new Promise((resolve) => {
      const check = () => {
        const found = sent[n - 1]
        if (!found) return
        arrivals.delete(check)
        resolve(found)
      }
      arrivals.add(check)
      check()
    })
  const withToken = ({ config, answer }: Sent, accessToken: string): void =>
    answer.resolve({
      data: { accessToken, tokenType: 'Bearer', expiresIn: LIFETIME_SEC, user: DEMO_USER },
      status: 200,
      statusText: 'OK',
      headers: {},
      config,
    })
  function unreachable({ config, answer }: Sent): void {
    answer.reject(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config))
  }
  /** Every call fails at once from now on: for a test that expects none. */
  const goDown = (): void => {
    down = true
  }
  return { http, sent, call, withToken, unreachable, goDown }
}

/**
 * A refresh holding the lock, with the session around it played by the test: its era, whether a
 * sign-out is under way, what it accepts and what a failure does, and what other tabs say.
 */
function refreshUnderLock({ heard = 0 } = {}) {
  const time = manualTime()
  const store = createTokenStore(time.now, null)
  const server = refreshServer()
  const session = { era: 0, signingOut: false }
  const accepted: TokenResponse[] = []
  const failures: AuthError[] = []
  const endedError = sessionEndedError()
  const events = createEventStream('tab-a')
  const seen: AuthEvent[] = []
  events.subscribe((event) => seen.push(event))
  const catchUps: number[] = []
  const lease: Lease = { generationAtGrant: 0, lost: false }
  /** What happens while the refresh waits for the other tabs' news (a message arrives, say). */
  let whileCatchingUp: () => void = () => undefined
  const crossTab: CrossTab = {
    start: () => undefined,
    stop: () => undefined,
    heard: () => heard,
    withLock: (task) => task(lease),
    catchUp(withinMs) {
      catchUps.push(withinMs)
      whileCatchingUp()
      return Promise.resolve()
    },
    passedBy: (passed) => Promise.resolve(passed.lost),
    publish: () => undefined,
  }
  const refresh = createRefresh({
    http: server.http,
    clock: time.now,
    store,
    crossTab,
    events,
    era: () => session.era,
    signingOut: () => session.signingOut,
    accept(response) {
      accepted.push(response)
      return store.set(response.accessToken, response.expiresIn)
    },
    failed: (error) => failures.push(error),
    ended: () => endedError,
  })
  return {
    time,
    store,
    server,
    session,
    accepted,
    failures,
    endedError,
    seen,
    catchUps,
    lease,
    onCatchUp(run: () => void) {
      whileCatchingUp = run
    },
    /** One turn of the lock, begun in era 0, with `heard` heard and no token newer than `epoch`. */
    run: ({ heardAtStart = heard, epochAtStart = 0 } = {}) =>
      refresh(0, heardAtStart, epochAtStart, lease),
  }
}

describe('a refresh holding the lock', () => {
  it('waits for the token the last holder is known to have posted, and presents no cookie', async () => {
    const tab = refreshUnderLock({ heard: 3 })
    tab.server.goDown()
    tab.onCatchUp(() => tab.store.set('from-other-tab', LIFETIME_SEC))

    const token = await tab.run()

    expect(token.value).toBe('from-other-tab')
    expect(tab.catchUps).toEqual([1000])
    expect(tab.server.sent).toHaveLength(0)
  })

  it('waits for no message when it heard from another tab while it waited for the lock', async () => {
    const tab = refreshUnderLock({ heard: 4 })
    tab.store.set('from-other-tab', LIFETIME_SEC)

    const token = await tab.run({ heardAtStart: 3 })

    expect(token.value).toBe('from-other-tab')
    expect(tab.catchUps).toEqual([])
  })

  it("reports another tab's token as a refresh that took no time", async () => {
    const tab = refreshUnderLock()
    tab.store.set('from-other-tab', LIFETIME_SEC)

    await tab.run()

    expect(tab.seen).toEqual([
      expect.objectContaining({ type: 'refresh-succeeded', durationMs: 0, source: 'other-tab' }),
    ])
  })

  it("presents the cookie when the other tab's token is already due for its own refresh", async () => {
    const tab = refreshUnderLock()
    tab.store.set('from-other-tab', LIFETIME_SEC)
    const lifetimeMs = LIFETIME_SEC * 1000
    tab.time.advance(lifetimeMs - refreshLeadMs(lifetimeMs)) // exactly at the lead: due

    const outcome = tab.run()
    tab.server.withToken(await tab.server.call(), 'from-network')

    expect((await outcome).value).toBe('from-network')
    expect(tab.accepted).toHaveLength(1)
  })

  it("reports how long the server took to answer the network's token", async () => {
    const tab = refreshUnderLock()

    const outcome = tab.run()
    const sent = await tab.server.call()
    tab.time.advance(250)
    tab.server.withToken(sent, 'from-network')
    await outcome

    expect(tab.seen).toEqual([
      expect.objectContaining({ type: 'refresh-succeeded', durationMs: 250, source: 'network' }),
    ])
  })
})

describe('a refresh for a session that is ending', () => {
  it('gives up at once, asking nobody, when the session ended before it got the lock', async () => {
    const tab = refreshUnderLock()
    tab.server.goDown()
    tab.session.era = 1

    await expect(tab.run()).rejects.toBe(tab.endedError)
    expect(tab.catchUps).toEqual([])
    expect(tab.server.sent).toHaveLength(0)
  })

  it('gives up at once, asking nobody, when a sign-out is under way', async () => {
    const tab = refreshUnderLock()
    tab.server.goDown()
    tab.session.signingOut = true

    await expect(tab.run()).rejects.toBe(tab.endedError)
    expect(tab.catchUps).toEqual([])
    expect(tab.server.sent).toHaveLength(0)
  })

  it("gives up when the session ends while it waits for the last holder's token", async () => {
    const tab = refreshUnderLock()
    tab.server.goDown()
    tab.onCatchUp(() => (tab.session.era = 1))

    await expect(tab.run()).rejects.toBe(tab.endedError)
    expect(tab.server.sent).toHaveLength(0)
  })

  it('drops the token that answers it when a sign-out began while it was out', async () => {
    const tab = refreshUnderLock()

    const outcome = tab.run()
    const sent = await tab.server.call()
    tab.session.era = 1
    tab.session.signingOut = true
    tab.server.withToken(sent, 'for-the-ended-session')

    await expect(outcome).rejects.toBe(tab.endedError)
    expect(tab.accepted).toEqual([])
    expect(tab.store.get()).toBeNull()
  })

  it('tells the session nothing of a failure when the session ended while it was out', async () => {
    const tab = refreshUnderLock()

    const outcome = tab.run()
    const sent = await tab.server.call()
    tab.session.era = 1
    tab.server.unreachable(sent)

    await expect(outcome).rejects.toMatchObject({ kind: 'transient' })
    expect(tab.failures).toEqual([])
  })

  it('tells the session of a failure while the session lasts', async () => {
    const tab = refreshUnderLock()

    const outcome = tab.run()
    tab.server.unreachable(await tab.server.call())

    const error = await outcome.catch((caught: unknown) => caught)
    expect(error).toMatchObject({ kind: 'transient' })
    expect(tab.failures).toEqual([error])
  })
})

describe('a refresh whose tab froze while it held the lock, and was passed by', () => {
  it('takes the token the tab that passed it by shared, not the answer it got', async () => {
    const tab = refreshUnderLock({ heard: 4 })

    const outcome = tab.run({ heardAtStart: 3 })
    const sent = await tab.server.call()
    tab.lease.lost = true
    tab.onCatchUp(() => tab.store.set('from-new-holder', LIFETIME_SEC))
    tab.server.withToken(sent, 'answer-while-frozen')

    expect((await outcome).value).toBe('from-new-holder')
    expect(tab.catchUps).toEqual([1000])
    expect(tab.accepted).toEqual([])
  })

  it('takes the token the tab that passed it by shared when its own call failed', async () => {
    const tab = refreshUnderLock({ heard: 4 })

    const outcome = tab.run({ heardAtStart: 3 })
    const sent = await tab.server.call()
    tab.lease.lost = true
    tab.onCatchUp(() => tab.store.set('from-new-holder', LIFETIME_SEC))
    tab.server.unreachable(sent)

    expect((await outcome).value).toBe('from-new-holder')
    expect(tab.failures).toEqual([])
  })

  it('fails as unreachable, and says so, when no newer token than its own came', async () => {
    const tab = refreshUnderLock({ heard: 4 })
    const held = tab.store.set('held-before', LIFETIME_SEC)

    const outcome = tab.run({ heardAtStart: 3, epochAtStart: held.epoch })
    const sent = await tab.server.call()
    tab.lease.lost = true
    tab.server.withToken(sent, 'answer-while-frozen')

    const error = await outcome.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ kind: 'transient', message: 'We could not reach the server.' })
    expect(tab.failures).toEqual([error])
    expect(tab.accepted).toEqual([])
    expect(tab.store.get()).toBe(held)
  })

  it('fails as unreachable when it was passed by and holds no token at all', async () => {
    const tab = refreshUnderLock({ heard: 4 })

    const outcome = tab.run({ heardAtStart: 3 })
    const sent = await tab.server.call()
    tab.lease.lost = true
    tab.server.unreachable(sent)

    await expect(outcome).rejects.toMatchObject({ kind: 'transient' })
    expect(tab.failures).toHaveLength(1)
  })
})
