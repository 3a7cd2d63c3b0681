import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../mocks/backend/db'
import { json } from '../../mocks/backend/http-helpers'
import { problem } from '../../mocks/backend/problem'
import { server } from '../../mocks/hosts/node'
import {
  awaitableList,
  countRequests,
  createTab,
  DEMO,
  expireAccessTokensOnServer,
  manualClock,
  promptShown,
  stateReached,
} from '../test/auth-harness'
import { createFakeTabsEnvironment } from '../test/fake-tabs'
import { stepUpServer } from '../test/step-up-server'
import { requestAuthOf } from './request-auth'
import type { WakeSource } from './scheduler'
import type { AuthSessionOptions } from './session'

const signedIn = (state: { phase: string }) => state.phase === 'signed-in'
const signedOut = (state: { phase: string }) => state.phase === 'signed-out'

type FakeTabs = ReturnType<typeof createFakeTabsEnvironment>

/** Two tabs of one origin, each with a channel and the shared lock, both signed in. */
async function twoSignedInTabs(tabs: FakeTabs, options: AuthSessionOptions = {}) {
  const a = createTab({ ...options, locks: tabs.locks, channel: tabs.openChannel() })
  const b = createTab({ ...options, locks: tabs.locks, channel: tabs.openChannel() })
  await a.session.signIn(DEMO)
  await stateReached(b.session, signedIn)
  return { a, b }
}

/**
 * What the tabs post to each other, as a third page that only listens hears it. `delivered`
 * resolves once everything posted before it has reached every tab (the channel keeps order).
 */
function listenIn(tabs: FakeTabs) {
  const heard = awaitableList<unknown>()
  tabs.openChannel().addEventListener('message', (event) => heard.push(event.data))
  const speaker = tabs.openChannel()
  let marks = 0
  const typeOf = (message: unknown) =>
    typeof message === 'object' && message !== null && 'type' in message ? message.type : null
  const posted = (type: string) => heard.items.filter((message) => typeOf(message) === type)
  return {
    posted,
    delivered(): Promise<void> {
      const mark = { type: 'test-mark', serial: ++marks }
      speaker.postMessage(mark)
      return heard.until(() => heard.items.includes(mark))
    },
  }
}

/** A wake source the test fires by hand ("the tab may have slept"). */
function handWake() {
  let wake: () => void = () => undefined
  const source: WakeSource = (callback) => {
    wake = callback
    return () => undefined
  }
  return { wakeSources: [source], wake: () => wake() }
}

const logoutUnreachableOnce = () =>
  server.use(http.post('/api/auth/logout', () => HttpResponse.error(), { once: true }))

const refreshAnswers = (status: number, code: string, headers: HeadersInit = {}) =>
  server.use(http.post('/api/auth/refresh', () => problem(status, code, code, { headers })))

describe('the auth session', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('restores a session from the refresh cookie with one refresh call', async () => {
    const first = createTab()
    await first.session.signIn(DEMO)

    const reloaded = createTab() // a new page: nothing in memory, only the cookie
    expect(reloaded.session.getState().phase).toBe('restoring')
    await Promise.all([reloaded.session.restore(), reloaded.session.restore()])

    expect(reloaded.session.getState()).toMatchObject({
      phase: 'signed-in',
      user: { id: 'u_demo' },
    })
    expect(db.stats.refreshCalls).toBe(1)
  })

  it("knows when the session ends absolutely from the server's answer, across a refresh", async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    const [record] = [...db.sessions.values()]

    expect(session.getState().sessionExpiresAt).toBe(record?.expiresAt)
    await session.refresh()
    expect(session.getState().sessionExpiresAt).toBe(record?.expiresAt)
  })

  it('settles on signed-out without a session-ended message when there is no session', async () => {
    const { session } = createTab()
    await session.signOut() // clears any cookie left by an earlier test
    const fresh = createTab()
    await fresh.session.restore()
    expect(fresh.session.getState()).toMatchObject({ phase: 'signed-out', endedBecause: null })
  })

  it('refreshes ahead of expiry so that no request sees a 401 in steady state', async () => {
    // The session's timers and clock and the server's clock all run on fake time.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] })
    db.config.accessTokenTtlSec = 2
    const { session, api, count, emitted } = createTab()
    await session.signIn(DEMO)

    // Half a second (the shortest lead) before the 2 s token expires: due at 1.5 s.
    await vi.advanceTimersByTimeAsync(1400)
    expect(count('refresh-started')).toBe(0)
    await vi.advanceTimersByTimeAsync(200)
    expect(count('refresh-started')).toBe(1)
    await emitted('refresh-succeeded')

    // Past the first token's expiry on the server: the request carries the refreshed one.
    await vi.advanceTimersByTimeAsync(600)
    expect((await api.get('/me')).status).toBe(200)
    expect(db.stats.rejectedAccessTokens).toBe(0)
  })

  it('lets one of two tabs refresh for both', async () => {
    const tabs = createFakeTabsEnvironment()
    const clock = manualClock()
    const a = createTab({ clock: clock.now, locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ clock: clock.now, locks: tabs.locks, channel: tabs.openChannel() })
    await a.session.signIn(DEMO)
    await stateReached(b.session, signedIn)
    expect(db.stats.refreshCalls).toBe(0)

    clock.advance(db.config.accessTokenTtlSec * 1000 + 1)
    expireAccessTokensOnServer()
    const [fromA, fromB] = await Promise.all([a.api.get('/me'), b.api.get('/me')])

    expect([fromA.status, fromB.status]).toEqual([200, 200])
    expect(db.stats.refreshCalls).toBe(1)
    expect(db.stats.reuseDetections).toBe(0)
    expect(b.session.accessToken()?.value).toBe(a.session.accessToken()?.value)
  })

  it('restores with no refresh call when another tab has already shared the session', async () => {
    const tabs = createFakeTabsEnvironment()
    const a = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    await a.session.signIn(DEMO)
    await expect.poll(() => b.session.getState().phase).toBe('signed-in')

    await b.session.restore()

    expect(b.session.getState()).toMatchObject({ phase: 'signed-in', user: { id: 'u_demo' } })
    expect(db.stats.refreshCalls).toBe(0)
  })

  it('signs out here, on the server and in the other tabs', async () => {
    const tabs = createFakeTabsEnvironment()
    const a = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    await a.session.signIn(DEMO)
    await stateReached(b.session, signedIn)

    await a.session.signOut()

    expect(a.session.accessToken()).toBeNull()
    expect(a.session.getState()).toMatchObject({ phase: 'signed-out', endedBecause: 'user' })
    expect(await stateReached(b.session, signedOut)).toMatchObject({ endedBecause: 'other-tab' })
    expect(b.session.accessToken()).toBeNull()
    await expect(a.session.refresh()).rejects.toMatchObject({ kind: 'session_ended' })
    expect([...db.sessions.values()].every((record) => record.revoked)).toBe(true)
  })

  it('keeps a session whose refresh keeps failing for transient reasons', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    db.config.refreshFailure = 'server_error'
    await expect(session.refresh()).rejects.toMatchObject({ kind: 'transient' })
    await expect(session.refresh()).rejects.toMatchObject({ kind: 'transient' })
    expect(session.getState()).toMatchObject({ phase: 'reconnecting' })
  })
})

describe('a refresh that answers wrongly', () => {
  it('ends the session at the third answer that is not a token response', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    server.use(http.post('/api/auth/refresh', () => json({ hello: 'proxy' })))

    for (const answer of ['first', 'second']) {
      await expect(session.refresh(), answer).rejects.toMatchObject({ kind: 'bad_response' })
      expect(session.getState(), answer).toMatchObject({ phase: 'reconnecting' })
    }
    await expect(session.refresh()).rejects.toMatchObject({ kind: 'bad_response' })

    expect(session.getState()).toMatchObject({ phase: 'signed-out', endedBecause: 'bad-response' })
  })

  it('ends the session in the other tabs too', async () => {
    const tabs = createFakeTabsEnvironment()
    const channel = listenIn(tabs)
    const time = manualClock() // no retry runs between the three
    const { a, b } = await twoSignedInTabs(tabs, { clock: time.now, timers: time.timers })
    server.use(http.post('/api/auth/refresh', () => json({ hello: 'proxy' })))

    for (const answer of ['first', 'second', 'third']) {
      await expect(a.session.refresh(), answer).rejects.toMatchObject({ kind: 'bad_response' })
    }
    await channel.delivered()

    expect(b.session.getState()).toMatchObject({
      phase: 'signed-out',
      endedBecause: 'bad-response',
    })
  })
})

describe('the token outside axios', () => {
  it('returns null for the token of a signed-out session', async () => {
    const { session } = createTab()
    await session.restore()
    expect(await session.getAccessToken()).toBeNull()
  })
})

describe('a session the server ends', () => {
  it('ends it in every tab, for the reason the server gave, and says so once', async () => {
    const tabs = createFakeTabsEnvironment()
    const channel = listenIn(tabs)
    const { a, b } = await twoSignedInTabs(tabs)
    for (const record of db.sessions.values()) record.revoked = true

    await expect(a.session.refresh()).rejects.toMatchObject({ kind: 'session_ended' })
    await channel.delivered()

    expect(a.events.find((event) => event.type === 'refresh-failed')).toMatchObject({
      kind: 'session_ended',
      code: 'session_revoked',
    })
    expect(a.session.getState()).toMatchObject({ phase: 'signed-out', endedBecause: 'revoked' })
    expect(b.session.getState()).toMatchObject({
      phase: 'signed-out',
      endedBecause: 'revoked',
      logoutPending: false,
    })
    expect(b.session.accessToken()).toBeNull()
    // The tab that heard it does not tell the others again.
    expect(channel.posted('signed-out')).toHaveLength(1)
  })

  it('announces no sign-out for a restore that finds no session', async () => {
    const { session } = createTab()
    await session.signOut() // clears any cookie left by an earlier test
    const fresh = createTab()

    await fresh.session.restore()

    expect(fresh.session.getState().phase).toBe('signed-out')
    expect(fresh.count('refresh-failed')).toBe(1)
    expect(fresh.count('signed-out')).toBe(0)
  })

  it('refuses a refresh once signed out, without asking the server', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    await session.signOut()

    await expect(session.refresh()).rejects.toMatchObject({ kind: 'session_ended', code: null })

    expect(db.stats.refreshCalls).toBe(0)
  })
})

describe('a restore the server does not answer with a session', () => {
  it('signs out when the server refuses it outright', async () => {
    refreshAnswers(403, 'forbidden')
    const { session } = createTab()

    await session.restore()

    expect(session.getState()).toMatchObject({ phase: 'signed-out', endedBecause: null })
  })

  it('keeps restoring when the server is throttling it', async () => {
    const time = manualClock()
    refreshAnswers(429, 'rate_limited', { 'Retry-After': '2' })
    const { session } = createTab({ clock: time.now, timers: time.timers })

    await session.restore()

    expect(session.getState()).toMatchObject({ phase: 'restoring', retrying: true })
  })

  it('keeps restoring when the server fails', async () => {
    const time = manualClock()
    db.config.refreshFailure = 'server_error'
    const { session } = createTab({ clock: time.now, timers: time.timers })

    await session.restore()

    expect(session.getState()).toMatchObject({ phase: 'restoring', retrying: true })
  })
})

describe('a refresh of a signed-in session that fails', () => {
  it('keeps the session when the server refuses the refresh without ending it', async () => {
    const time = manualClock()
    const { session } = createTab({ clock: time.now, timers: time.timers })
    await session.signIn(DEMO)
    refreshAnswers(403, 'forbidden')

    await expect(session.refresh()).rejects.toMatchObject({ kind: 'rejected' })

    expect(session.getState()).toMatchObject({ phase: 'reconnecting', user: { id: 'u_demo' } })
  })

  it('keeps the session through more transient failures than bad answers it survives', async () => {
    const time = manualClock()
    const { session } = createTab({ clock: time.now, timers: time.timers })
    await session.signIn(DEMO)
    db.config.refreshFailure = 'server_error'

    for (const attempt of [1, 2, 3, 4]) {
      await expect(session.refresh(), `attempt ${attempt}`).rejects.toMatchObject({
        kind: 'transient',
      })
    }

    expect(session.getState()).toMatchObject({ phase: 'reconnecting' })
  })

  it('announces the sign-in once, not at every refresh', async () => {
    const { session, count } = createTab()
    await session.signIn(DEMO)
    await session.refresh()
    await session.refresh()

    expect(count('token-received')).toBe(3)
    expect(count('signed-in')).toBe(1)
  })
})

/** Signed in, then the refresh fails and the token runs out (by the wall clock) before the retry. */
async function reconnectingWithExpiredToken() {
  const monotonic = manualClock()
  const wall = manualClock(1_700_000_000_000)
  const tab = createTab({ clock: monotonic.now, timers: monotonic.timers, wallClock: wall.now })
  await tab.session.signIn(DEMO)
  db.config.refreshFailure = 'server_error'
  await expect(tab.session.refresh()).rejects.toMatchObject({ kind: 'transient' })
  wall.advance(db.config.accessTokenTtlSec * 1000 + 1)
  return { ...tab, monotonic }
}

/** The first backoff with the harness's random of 0: half of a second. */
const FIRST_RETRY_MS = 500

describe('a token asked for while reconnecting', () => {
  it('comes from the next scheduled attempt', async () => {
    const { session, monotonic } = await reconnectingWithExpiredToken()
    const handedOut = session.getAccessToken()
    db.config.refreshFailure = 'none'

    monotonic.advance(FIRST_RETRY_MS)

    const token = await handedOut
    expect(token).toBe(session.accessToken()?.value)
    expect(session.getState().phase).toBe('signed-in')
  })

  it('fails with the failure of the next scheduled attempt', async () => {
    const { session, monotonic } = await reconnectingWithExpiredToken()
    const handedOut = expect(session.getAccessToken()).rejects.toMatchObject({
      kind: 'transient',
      status: 500,
    })

    monotonic.advance(FIRST_RETRY_MS)

    await handedOut
    expect(session.getState().phase).toBe('reconnecting')
  })

  it('fails as a session that ended when the user signs out meanwhile', async () => {
    const { session } = await reconnectingWithExpiredToken()
    db.config.refreshFailure = 'none'
    const handedOut = expect(session.getAccessToken()).rejects.toMatchObject({
      kind: 'session_ended',
    })

    await session.signOut()

    await handedOut
  })
})

describe('the token outside axios, on a page that just started', () => {
  it('restores the session before it hands out a token', async () => {
    const first = createTab()
    await first.session.signIn(DEMO)
    const reloaded = createTab()

    const token = await reloaded.session.getAccessToken()

    expect(token).not.toBeNull()
    expect(token).toBe(reloaded.session.accessToken()?.value)
  })

  it('hands out a token inside its refresh lead as it is, while it is good', async () => {
    const monotonic = manualClock()
    const wall = manualClock(1_700_000_000_000)
    const { session } = createTab({
      clock: monotonic.now,
      timers: monotonic.timers,
      wallClock: wall.now,
    })
    await session.signIn(DEMO)
    const held = session.accessToken()?.value
    // Ten seconds left: inside the minute's lead, well outside the last second.
    wall.advance(db.config.accessTokenTtlSec * 1000 - 10_000)

    expect(await session.getAccessToken()).toBe(held)
    expect(db.stats.refreshCalls).toBe(0)
  })
})

describe('a tab that wakes', () => {
  it('refreshes once its token is inside the refresh lead, and not a moment before', async () => {
    const monotonic = manualClock()
    const wall = manualClock(1_700_000_000_000)
    const { wakeSources, wake } = handWake()
    const tab = createTab({
      clock: monotonic.now,
      timers: monotonic.timers,
      wallClock: wall.now,
      wakeSources,
    })
    await tab.session.signIn(DEMO)
    // Undefined while a refresh is under way (requests wait for it), else the token held.
    const { ready } = requestAuthOf(tab.session)

    wake()
    expect(ready()).toBe(tab.session.accessToken())

    // A minute left, a fifth of the five minutes: the lead, to the millisecond.
    wall.advance(db.config.accessTokenTtlSec * 1000 - 60_000)
    wake()
    expect(ready()).toBe(tab.session.accessToken())

    wall.advance(1)
    wake()
    expect(ready()).toBeUndefined()
    await tab.emitted('refresh-succeeded')
    expect(db.stats.refreshCalls).toBe(1)
  })

  it('delivers the logout it still owes the server', async () => {
    const time = manualClock()
    const { wakeSources, wake } = handWake()
    const { session } = createTab({ clock: time.now, timers: time.timers, wakeSources })
    await session.signIn(DEMO)
    logoutUnreachableOnce()
    await session.signOut()
    expect(session.getState()).toMatchObject({ phase: 'signed-out', logoutPending: true })

    wake()

    await stateReached(session, (state) => state.phase === 'signed-out' && !state.logoutPending)
    expect([...db.sessions.values()].every((record) => record.revoked)).toBe(true)
  })
})

describe('a logout the server could not be told of', () => {
  it('is delivered when its backoff runs out', async () => {
    const time = manualClock()
    const { session } = createTab({ clock: time.now, timers: time.timers })
    await session.signIn(DEMO)
    logoutUnreachableOnce()
    await session.signOut()
    expect(session.getState()).toMatchObject({ phase: 'signed-out', logoutPending: true })

    time.advance(FIRST_RETRY_MS)

    await stateReached(session, (state) => state.phase === 'signed-out' && !state.logoutPending)
    expect([...db.sessions.values()].every((record) => record.revoked)).toBe(true)
  })

  it('is known to be pending in the other tabs too', async () => {
    const tabs = createFakeTabsEnvironment()
    const channel = listenIn(tabs)
    const { a, b } = await twoSignedInTabs(tabs)
    logoutUnreachableOnce()

    await a.session.signOut()
    await channel.delivered()

    expect(b.session.getState()).toMatchObject({
      phase: 'signed-out',
      endedBecause: 'other-tab',
      logoutPending: true,
    })
    expect(channel.posted('signed-out')).toHaveLength(1)
  })
})

describe('step-up with the session', () => {
  const CHANGE = { newPassword: 'a-new-password-1' }

  it('asks the signed-in user to confirm it is them', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = createTab()
    await session.signIn(DEMO)

    const refused = api.post('/me/password', CHANGE).catch((error: unknown) => error)
    const prompt = await promptShown(session)

    expect(prompt.user).toMatchObject({ id: 'u_demo', username: 'demo' })
    prompt.cancel()
    await refused
  })

  it("leaves another tab's prompt open when a tab shares an ordinary refresh", async () => {
    server.use(...stepUpServer().handlers)
    const tabs = createFakeTabsEnvironment()
    const channel = listenIn(tabs)
    const { a, b } = await twoSignedInTabs(tabs)
    const refused = b.api.post('/me/password', CHANGE).catch((error: unknown) => error)
    const prompt = await promptShown(b.session)

    await a.session.refresh()
    await channel.delivered()

    expect(b.session.accessToken()?.value).toBe(a.session.accessToken()?.value)
    expect(b.session.stepUp.prompt()).toBe(prompt)
    prompt.cancel()
    await refused
  })

  it('sends no re-authentication for a session signed out while the proof waited', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const sent = countRequests()
    const refused = api.post('/me/password', CHANGE).catch((error: unknown) => error)
    const prompt = await promptShown(session)

    const confirmed = expect(prompt.confirm({ password: DEMO.password })).rejects.toMatchObject({
      kind: 'session_ended',
    })
    await session.signOut()

    await confirmed
    await refused
    expect(sent.get('POST /api/auth/reauthenticate')).toBeUndefined()
    expect(session.getState()).toMatchObject({ phase: 'signed-out', endedBecause: 'user' })
  })
})
