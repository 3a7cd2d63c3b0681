import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { db } from '../../mocks/db'
import { json } from '../../mocks/http-helpers'
import { server } from '../../mocks/node'
import { createTab, DEMO, expireAccessTokensOnServer } from '../test/auth-harness'
import { createFakeTabsEnvironment } from '../test/fake-tabs'
import { createAuthFetch } from './auth-fetch'
import { LOGOUT_PENDING_KEY } from './logout-marker'
import { BAD_RESPONSE_LIMIT } from './retry'

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
      status: 'signed-out',
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
      status: 'signed-out',
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
      status: 'signed-out',
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
      status: 'signed-out',
      logoutPending: false,
    })
    expect(liveSessions()).toBe(0)
    expect(db.stats.refreshCalls).toBe(0)
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

    expect(a.session.getState().status).toBe('signed-out')
    expect(b.session.getState().status).toBe('signed-out')
    expect(a.session.accessToken()).toBeNull()
    expect(b.session.accessToken()).toBeNull()
    expect(liveSessions()).toBe(0)
  })
})

describe('a refresh that answers wrongly', () => {
  it(`ends the session after ${BAD_RESPONSE_LIMIT} answers that are not token responses`, async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    server.use(http.post('/api/auth/refresh', () => json({ hello: 'proxy' })))

    for (let attempt = 1; attempt < BAD_RESPONSE_LIMIT; attempt++) {
      await expect(session.refresh()).rejects.toMatchObject({ kind: 'bad_response' })
      expect(session.getState()).toMatchObject({ status: 'signed-in', reconnecting: true })
    }
    await expect(session.refresh()).rejects.toMatchObject({ kind: 'bad_response' })

    expect(session.getState()).toMatchObject({ status: 'signed-out', endedBecause: 'bad-response' })
  })
})

describe('the token outside axios', () => {
  it('hands out a token, refreshing first when the server no longer takes it', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    const authFetch = createAuthFetch(session)

    const response = await authFetch(new URL('/api/me', location.href))

    expect(response.status).toBe(200)
    expect(db.stats.refreshCalls).toBe(1)
    expect(await session.getAccessToken()).toBe(session.accessToken()?.value)
  })

  it('returns null for the token of a signed-out session', async () => {
    const { session } = createTab()
    await session.restore()
    expect(await session.getAccessToken()).toBeNull()
  })
})
