import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { db } from '../../mocks/backend/db'
import { server } from '../../mocks/hosts/node'
import { createTab, DEMO, holdAtServer } from '../test/auth-harness'
import { createFakeTabsEnvironment } from '../test/fake-tabs'

/** Where a pending logout waits for the next start: pages of every release read this name. */
const LOGOUT_PENDING_KEY = 'reel-logout-pending'

const liveSessions = () => [...db.sessions.values()].filter((record) => !record.revoked).length

const logoutUnreachable = () =>
  server.use(http.post('/api/auth/logout', () => HttpResponse.error()))

describe('signing out', () => {
  it('ends the session here with a pending logout when the server cannot be reached', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    logoutUnreachable()

    await session.signOut()

    expect(session.getState()).toMatchObject({
      phase: 'signed-out',
      endedBecause: 'user',
      logoutPending: true,
    })
    expect(session.accessToken()).toBeNull()
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBe('1')
    expect(liveSessions()).toBe(1)
  })

  it('finishes a pending logout on the next start before it restores, and does not sign in', async () => {
    const first = createTab()
    await first.session.signIn(DEMO)
    logoutUnreachable()
    await first.session.signOut()
    server.resetHandlers()

    const reloaded = createTab()
    await reloaded.session.restore()

    expect(reloaded.session.getState()).toMatchObject({
      phase: 'signed-out',
      logoutPending: false,
    })
    expect(liveSessions()).toBe(0)
    expect(db.stats.refreshCalls).toBe(0)
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBeNull()
  })

  it('stays signed out on a start that still cannot reach the logout, and keeps the marker', async () => {
    const first = createTab()
    await first.session.signIn(DEMO)
    logoutUnreachable()
    await first.session.signOut()

    const reloaded = createTab()
    await reloaded.session.restore()

    expect(reloaded.session.getState()).toMatchObject({
      phase: 'signed-out',
      logoutPending: true,
    })
    expect(db.stats.refreshCalls).toBe(0)
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBe('1')
  })

  it('finishes at the next start a sign-out whose tab closed while the logout was on its way', async () => {
    const first = createTab()
    await first.session.signIn(DEMO)
    let arrived: () => void = () => undefined
    const logoutArrived = new Promise<void>((resolve) => (arrived = resolve))
    let answer: (response: Response) => void = () => undefined
    server.use(
      http.post(
        '/api/auth/logout',
        () => {
          arrived()
          return new Promise<Response>((resolve) => (answer = resolve))
        },
        { once: true },
      ),
    )
    const signingOut = first.session.signOut()
    await logoutArrived
    first.session.dispose() // the tab is closed before the server answers: it learns nothing more

    const reloaded = createTab()
    await reloaded.session.restore()
    answer(Response.error())
    await signingOut

    expect(reloaded.session.getState()).toMatchObject({
      phase: 'signed-out',
      logoutPending: false,
    })
    expect(liveSessions()).toBe(0)
    expect(db.stats.refreshCalls).toBe(0)
  })

  it('ends a tab that missed the message at its next refresh, without spending the cookie', async () => {
    const tabs = createFakeTabsEnvironment()
    // Without a channel of its own: it hears nothing the other tab posts.
    const deaf = createTab({ locks: tabs.locks, channel: null })
    const other = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    await deaf.session.signIn(DEMO)
    await other.session.signIn(DEMO)
    logoutUnreachable()
    await other.session.signOut()
    const refreshCalls = db.stats.refreshCalls

    await expect(deaf.session.refresh()).rejects.toMatchObject({ kind: 'session_ended' })

    expect(deaf.session.getState()).toMatchObject({
      phase: 'signed-out',
      endedBecause: 'other-tab',
      logoutPending: true,
    })
    expect(deaf.session.accessToken()).toBeNull()
    expect(db.stats.refreshCalls).toBe(refreshCalls)
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBe('1')
  })

  it('takes no token another tab shares while its own sign-out waits for the lock', async () => {
    const tabs = createFakeTabsEnvironment()
    const a = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    await a.session.signIn(DEMO)
    await b.session.getAccessToken()

    let arrived: () => void = () => undefined
    const refreshArrived = new Promise<void>((resolve) => (arrived = resolve))
    // Answers nothing itself: the request goes on to the server's own refresh.
    server.use(http.post('/api/auth/refresh', () => arrived(), { once: true }))

    // B holds the lock for its refresh, so A's sign-out waits behind it and hears B's token.
    const sharedByB = b.session.refresh()
    await refreshArrived
    const signingOut = a.session.signOut()
    await sharedByB

    expect(a.session.getState().phase).toBe('signing-out')
    expect(a.session.accessToken()).toBeNull()
    await signingOut
    expect(b.session.accessToken()).toBeNull()
  })

  it('drops a sign-in answer that arrives after a sign-out began here, and revokes its session', async () => {
    const tabs = createFakeTabsEnvironment()
    const a = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    const hold = holdAtServer()
    // Answers nothing itself: once let go, the request goes on to the server's own login.
    server.use(http.post('/api/auth/login', () => hold.held(), { once: true }))

    const signingIn = a.session.signIn(DEMO).catch((error: unknown) => error)
    await hold.arrived
    const signingOut = a.session.signOut()
    hold.release()

    expect(await signingIn).toMatchObject({ kind: 'session_ended' })
    await signingOut
    expect(a.session.getState().phase).toBe('signed-out')
    expect(a.count('signed-in')).toBe(0)
    expect(b.count('signed-in')).toBe(0)
    expect(b.session.accessToken()).toBeNull()
    expect(db.sessions.size).toBe(1)
    expect(liveSessions()).toBe(0)
  })

  it('drops a refresh answer that arrives after a sign-out began, in every tab', async () => {
    const tabs = createFakeTabsEnvironment()
    const a = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    const b = createTab({ locks: tabs.locks, channel: tabs.openChannel() })
    await a.session.signIn(DEMO)
    await b.session.getAccessToken()
    db.config.refreshLatencyMs = 100

    const refreshing = b.session.refresh().catch((error: unknown) => error)
    await a.session.signOut()
    await refreshing

    expect(a.session.getState().phase).toBe('signed-out')
    expect(b.session.getState().phase).toBe('signed-out')
    expect(a.session.accessToken()).toBeNull()
    expect(b.session.accessToken()).toBeNull()
    expect(liveSessions()).toBe(0)
  })
})
