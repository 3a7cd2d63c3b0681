import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { db } from '../../mocks/backend/db'
import { problem } from '../../mocks/backend/problem'
import { createSession, tokenResponse } from '../../mocks/backend/session-service'
import { server } from '../../mocks/hosts/node'
import {
  countRequests,
  createTab,
  DEMO,
  holdAtServer,
  manualClock,
  promptShown,
} from '../test/auth-harness'
import { stepUpServer } from '../test/step-up-server'
import { isAuthError } from './errors'

/** Where a pending logout waits for the next start: pages of every release read this name. */
const LOGOUT_PENDING_KEY = 'reel-logout-pending'

const CHANGE = { newPassword: 'a-new-password-1' }

const liveSessions = () => [...db.sessions.values()].filter((record) => !record.revoked).length

function demoUser() {
  const user = [...db.users.values()].find(({ username }) => username === 'demo')
  if (!user) throw new Error('The seed has no demo user.')
  return user
}

/** Another device of the demo user: a session of its own, unknown to this browser's cookie. */
async function signInElsewhere(): Promise<void> {
  const signIn = { user: demoUser(), provider: 'password', userAgent: 'test' } as const
  await createSession({ ...signIn, remember: true, refreshCookie: undefined })
}

/** Answers `path` with a new session of the demo user, and keeps what each request carried. */
function signsInDemo(path: string) {
  const seen: Array<{ params: Record<string, unknown>; body: unknown }> = []
  const handler = http.post(path, async ({ request, params }) => {
    seen.push({ params, body: await request.json() })
    const { session, refreshToken } = await createSession({
      user: demoUser(),
      provider: 'passkey',
      userAgent: 'test',
      remember: true,
      refreshCookie: undefined,
    })
    return tokenResponse(demoUser(), session, refreshToken)
  })
  return { handler, seen }
}

const logoutUnreachableOnce = () =>
  server.use(http.post('/api/auth/logout', () => HttpResponse.error(), { once: true }))

/** A tab on hand-driven time, so a retry runs only when the test moves the clock. */
function tabOnManualTime() {
  const time = manualClock()
  let wake: () => void = () => undefined
  const tab = createTab({
    clock: time.now,
    timers: time.timers,
    wakeSources: [
      (onWake) => {
        wake = onWake
        return () => undefined
      },
    ],
  })
  return { ...tab, time, wake: () => wake() }
}

describe('signing in', () => {
  it('rejects a wrong password with an AuthError the form can show, and stays without a user', async () => {
    const { session } = createTab()

    const error: unknown = await session
      .signIn({ ...DEMO, password: 'not-the-password' })
      .catch((caught: unknown) => caught)

    expect(isAuthError(error) && [error.kind, error.code, error.status]).toEqual([
      'rejected',
      'invalid_credentials',
      401,
    ])
    expect(session.accessToken()).toBeNull()
    expect(session.getState().user).toBeNull()
  })

  it('signs in with the code a provider redirected back with', async () => {
    const { handler, seen } = signsInDemo('/api/auth/oauth/:provider')
    server.use(handler)
    const { session } = createTab()
    const grant = { code: 'the-code', codeVerifier: 'the-verifier', redirectUri: '/cb' }

    const user = await session.signInWithProvider('kakao', grant)

    expect(user.id).toBe('u_demo')
    expect(seen).toEqual([{ params: { provider: 'kakao' }, body: grant }])
    expect(session.getState()).toMatchObject({ phase: 'signed-in', user: { id: 'u_demo' } })
    expect(session.accessToken()).not.toBeNull()
  })

  it('signs in with a passkey assertion, to be remembered unless it says otherwise', async () => {
    const { handler, seen } = signsInDemo('/api/auth/passkey/login')
    server.use(handler)
    const { session } = createTab()
    const credential = { id: 'passkey-1', type: 'public-key', response: {} }

    const user = await session.signInWithPasskey({ credential })

    expect(user.id).toBe('u_demo')
    expect(seen.map(({ body }) => body)).toEqual([{ credential, remember: true }])
    expect(session.getState()).toMatchObject({ phase: 'signed-in', user: { id: 'u_demo' } })
  })

  it('tells the server of a logout still owed before it signs in again, so a reload stays signed in', async () => {
    const { session } = tabOnManualTime()
    await session.signIn(DEMO)
    logoutUnreachableOnce()
    await session.signOut()
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBe('1')
    const sent = countRequests()

    await session.signIn(DEMO)

    expect(sent.get('POST /api/auth/logout')).toBe(1)
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBeNull()
    expect(session.getState()).toMatchObject({ phase: 'signed-in' })
    const reloaded = createTab()
    await reloaded.session.restore()
    expect(reloaded.session.getState()).toMatchObject({ phase: 'signed-in' })
  })
})

describe('signing out by the user', () => {
  it('owes the server nothing once it heard the sign-out, and says the user ended it', async () => {
    const { session, events } = createTab()
    await session.signIn(DEMO)

    await session.signOut()

    expect(session.getState()).toMatchObject({
      phase: 'signed-out',
      endedBecause: 'user',
      logoutPending: false,
    })
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBeNull()
    expect(events.filter((event) => event.type === 'signed-out')).toMatchObject([
      { type: 'signed-out', reason: 'user' },
    ])
  })

  it('owes the server nothing when it refuses the logout outright, rather than offline', async () => {
    const { session } = tabOnManualTime()
    await session.signIn(DEMO)
    server.use(
      http.post('/api/auth/logout', () =>
        problem(401, 'refresh_missing', 'You are not signed in.'),
      ),
    )

    await session.signOut()

    expect(session.getState()).toMatchObject({ phase: 'signed-out', logoutPending: false })
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBeNull()
  })

  it('tells nobody of a sign-out when nobody was signed in here', async () => {
    const { session, count } = createTab()

    await session.signOut()

    expect(session.getState()).toMatchObject({ phase: 'signed-out', endedBecause: null })
    expect(count('signed-out')).toBe(0)
  })

  it('tries the logout again after a backoff when the server could not be reached', async () => {
    const { session, time } = tabOnManualTime()
    await session.signIn(DEMO)
    logoutUnreachableOnce()
    await session.signOut()
    expect(session.getState()).toMatchObject({ phase: 'signed-out', logoutPending: true })
    const sent = countRequests()

    time.advance(500) // the first backoff, with no jitter
    await expect.poll(() => session.getState()).toMatchObject({ logoutPending: false })

    expect(sent.get('POST /api/auth/logout')).toBe(1)
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBeNull()
    expect(liveSessions()).toBe(0)
  })
})

describe('a logout still owed', () => {
  it('counts a logout the server refuses outright as delivered, and owes nothing more', async () => {
    const first = tabOnManualTime()
    await first.session.signIn(DEMO)
    logoutUnreachableOnce()
    await first.session.signOut()
    server.use(
      http.post('/api/auth/logout', () =>
        problem(401, 'refresh_missing', 'You are not signed in.'),
      ),
    )

    const reloaded = tabOnManualTime()
    await reloaded.session.restore()

    expect(reloaded.session.getState()).toMatchObject({ phase: 'signed-out', logoutPending: false })
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBeNull()
  })

  it('is not sent again by a tab that wakes after another tab delivered it', async () => {
    const a = tabOnManualTime()
    await a.session.signIn(DEMO)
    logoutUnreachableOnce()
    await a.session.signOut()
    const sent = countRequests()
    const b = createTab() // a new tab delivers the logout as it starts
    await b.session.restore()
    expect(sent.get('POST /api/auth/logout')).toBe(1)

    a.wake()
    await expect.poll(() => a.session.getState()).toMatchObject({ logoutPending: false })

    expect(sent.get('POST /api/auth/logout')).toBe(1)
  })
})

describe('signing out everywhere', () => {
  it('revokes every session of the user with its access token, then ends this one', async () => {
    const { session, events } = createTab()
    await session.signIn(DEMO)
    await signInElsewhere()
    expect(liveSessions()).toBe(2)

    await session.signOutEverywhere()

    expect(liveSessions()).toBe(0)
    expect(session.getState()).toMatchObject({
      phase: 'signed-out',
      endedBecause: 'user',
      logoutPending: false,
    })
    expect(session.accessToken()).toBeNull()
    expect(events.filter((event) => event.type === 'signed-out')).toMatchObject([
      { reason: 'user' },
    ])
  })
})

describe('re-authenticating while the session ends', () => {
  it('sends no re-authentication once the user has signed out meanwhile', async () => {
    server.use(...stepUpServer().handlers)
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const sent = countRequests()
    const request = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    const prompt = await promptShown(session)

    const confirming = prompt.confirm({ password: DEMO.password }).catch((e: unknown) => e)
    await session.signOut()

    const error = await confirming
    expect(isAuthError(error) && error.kind).toBe('session_ended')
    expect(sent.get('POST /api/auth/reauthenticate')).toBeUndefined()
    await request
  })

  it('drops the token of a re-authentication answered after a sign-out began', async () => {
    const hold = holdAtServer()
    server.use(
      // Held, then passed on to the re-authentication below.
      http.post(
        '/api/auth/reauthenticate',
        async () => {
          await hold.held()
        },
        { once: true },
      ),
      ...stepUpServer().handlers,
    )
    const { session, api } = createTab()
    await session.signIn(DEMO)
    const request = api.post('/me/password', CHANGE).catch((e: unknown) => e)
    const prompt = await promptShown(session)

    const confirming = prompt.confirm({ password: DEMO.password }).catch((e: unknown) => e)
    await hold.arrived
    const signingOut = session.signOut()
    hold.release()

    const error = await confirming
    expect(isAuthError(error) && error.kind).toBe('session_ended')
    await signingOut
    expect(session.accessToken()).toBeNull()
    expect(session.getState()).toMatchObject({ phase: 'signed-out', endedBecause: 'user' })
    const failed = await request
    expect(isAuthError(failed) && failed.kind).toBe('session_ended')
  })
})
