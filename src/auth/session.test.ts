import { describe, expect, it } from 'vitest'
import { db } from '../../mocks/db'
import { createTab, DEMO, expireAccessTokensOnServer, manualClock } from '../test/auth-harness'
import { createFakeTabsEnvironment } from '../test/fake-tabs'

describe('the auth session', () => {
  it('restores a session from the refresh cookie with one refresh call', async () => {
    const first = createTab()
    await first.session.signIn(DEMO)

    const reloaded = createTab() // a new page: nothing in memory, only the cookie
    expect(reloaded.session.getState().status).toBe('restoring')
    await Promise.all([reloaded.session.restore(), reloaded.session.restore()])

    expect(reloaded.session.getState()).toMatchObject({
      status: 'signed-in',
      user: { id: 'u_demo' },
    })
    expect(db.stats.refreshCalls).toBe(1)
  })

  it('settles on signed-out without a session-ended message when there is no session', async () => {
    const { session } = createTab()
    await session.signOut() // clears any cookie left by an earlier test
    const fresh = createTab()
    await fresh.session.restore()
    expect(fresh.session.getState()).toMatchObject({ status: 'signed-out', endedBecause: null })
  })

  it('refreshes ahead of expiry so that no request sees a 401 in steady state', async () => {
    db.config.accessTokenTtlSec = 2
    const { session, api, events } = createTab()
    await session.signIn(DEMO)
    const signedInAt = performance.now()

    await expect
      .poll(() => events.filter((e) => e.type === 'refresh-succeeded').length, { timeout: 3000 })
      .toBe(1)
    const refreshedAfterMs = performance.now() - signedInAt
    expect(refreshedAfterMs).toBeLessThan(2000)
    expect((await api.get('/me')).status).toBe(200)
    expect(db.stats.rejectedAccessTokens).toBe(0)
  })

  it('lets one of two tabs refresh for both', async () => {
    const tabs = createFakeTabsEnvironment()
    const clock = manualClock()
    const a = createTab({ clock: clock.now, locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ clock: clock.now, locks: tabs.locks, channel: tabs.openChannel() })
    await a.session.signIn(DEMO)
    await expect.poll(() => b.session.getState().status).toBe('signed-in')
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
    await expect.poll(() => b.session.getState().status).toBe('signed-in')

    await b.session.restore()

    expect(b.session.getState()).toMatchObject({ status: 'signed-in', user: { id: 'u_demo' } })
    expect(db.stats.refreshCalls).toBe(0)
  })

  it('signs out here, on the server and in the other tabs', async () => {
    const tabs = createFakeTabsEnvironment()
    const a = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    await a.session.signIn(DEMO)
    await expect.poll(() => b.session.getState().status).toBe('signed-in')

    await a.session.signOut()

    expect(a.session.accessToken()).toBeNull()
    expect(a.session.getState()).toMatchObject({ status: 'signed-out', endedBecause: 'user' })
    await expect.poll(() => b.session.getState().status).toBe('signed-out')
    expect(b.session.getState().endedBecause).toBe('other-tab')
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
    expect(session.getState()).toMatchObject({ status: 'signed-in', reconnecting: true })
  })
})
