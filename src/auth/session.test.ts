import { http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../mocks/backend/db'
import { json } from '../../mocks/backend/http-helpers'
import { server } from '../../mocks/hosts/node'
import {
  createTab,
  DEMO,
  expireAccessTokensOnServer,
  manualClock,
  stateReached,
} from '../test/auth-harness'
import { createFakeTabsEnvironment } from '../test/fake-tabs'

const signedIn = (state: { phase: string }) => state.phase === 'signed-in'
const signedOut = (state: { phase: string }) => state.phase === 'signed-out'

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
})

describe('the token outside axios', () => {
  it('returns null for the token of a signed-out session', async () => {
    const { session } = createTab()
    await session.restore()
    expect(await session.getAccessToken()).toBeNull()
  })
})
