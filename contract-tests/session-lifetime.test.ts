import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  call,
  DEFAULT_REFRESH_MAX_AGE,
  DEMO,
  expectJson,
  expectNoContent,
  expectNoSetCookie,
  expectProblem,
  expectRefreshCookie,
  expectRefreshFailure,
  expectSessionRefreshCookie,
  getMe,
  login,
  patchConfig,
  postLogin,
  postRefresh,
  refresh,
  sessionSchema,
  setServerClock,
  tokenResponseSchema,
  mockOnly,
  useMockServer,
  userSchema,
} from './client.ts'

useMockServer()

const HOUR = 60 * 60
const TWELVE_HOURS = 12 * HOUR

/** Signs in with `remember: false`: a browser-session cookie and the token response. */
async function loginForThisBrowserSession() {
  const response = await postLogin({ ...DEMO, remember: false })
  const body = await expectJson(response, 200, tokenResponseSchema)
  return { body, refreshToken: expectSessionRefreshCookie(response) }
}

const secondsUntil = (iso: string) => (Date.parse(iso) - Date.now()) / 1000

describe('keep me signed in', () => {
  it('gives remember: false a browser-session cookie, with neither Max-Age nor Expires', async () => {
    const { refreshToken } = await loginForThisBrowserSession()
    expect(refreshToken).not.toBe('')
  })

  mockOnly('lab').it('ends a remember: false session after 12 hours', async () => {
    const { body, refreshToken } = await loginForThisBrowserSession()
    expect(secondsUntil(body.sessionExpiresAt)).toBeGreaterThan(TWELVE_HOURS - 60)
    expect(secondsUntil(body.sessionExpiresAt)).toBeLessThanOrEqual(TWELVE_HOURS)

    await setServerClock(TWELVE_HOURS - 60)
    const rotated = await postRefresh(refreshToken)
    const next = await expectJson(rotated, 200, tokenResponseSchema)
    await setServerClock(TWELVE_HOURS + 1)
    await expectRefreshFailure(
      await postRefresh(expectSessionRefreshCookie(rotated)),
      'refresh_expired',
    )
    expect(next.sessionExpiresAt).toBe(body.sessionExpiresAt)
  })

  it('keeps the refresh cookie of a remember: false session a browser-session cookie on rotation', async () => {
    const { refreshToken } = await loginForThisBrowserSession()
    expectSessionRefreshCookie(await postRefresh(refreshToken))
  })

  mockOnly('lab').it(
    'gives remember: false the configured absolute lifetime when that is shorter than 12 hours',
    async () => {
      await patchConfig({ refreshTokenTtlSec: HOUR })
      const { body } = await loginForThisBrowserSession()
      expect(secondsUntil(body.sessionExpiresAt)).toBeLessThanOrEqual(HOUR)
      expect(secondsUntil(body.sessionExpiresAt)).toBeGreaterThan(HOUR - 60)
    },
  )

  it.each([
    ['remember: true', { ...DEMO, remember: true }],
    ['no remember', DEMO],
  ])('keeps the 14-day persistent cookie for %s', async (_, credentials) => {
    const response = await postLogin(credentials)
    const body = await expectJson(response, 200, tokenResponseSchema)
    expect(expectRefreshCookie(response).maxAge).toBe(DEFAULT_REFRESH_MAX_AGE)
    expect(secondsUntil(body.sessionExpiresAt)).toBeGreaterThan(DEFAULT_REFRESH_MAX_AGE - 60)
  })

  it.each([['yes'], [1], [null]])(
    'answers 400 validation_failed for remember %j',
    async (remember) => {
      const response = await postLogin({ ...DEMO, remember })
      const problem = await expectProblem(response, 400, 'validation_failed')
      expect(problem.detail).toContain('remember')
      expectNoSetCookie(response)
    },
  )
})

describe('sessionExpiresAt', () => {
  it('is the ISO 8601 UTC time at which the cookie’s Max-Age ends', async () => {
    const response = await postLogin(DEMO)
    const body = await expectJson(response, 200, tokenResponseSchema)
    const { maxAge } = expectRefreshCookie(response)

    expect(body.sessionExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    expect(Math.abs(secondsUntil(body.sessionExpiresAt) - maxAge)).toBeLessThanOrEqual(2)
  })

  mockOnly('lab').it('never moves on rotation', async () => {
    const signedIn = await login()
    await setServerClock(HOUR)
    const once = await refresh(signedIn.refreshToken)
    await setServerClock(20 * HOUR)
    const twice = await refresh(once.refreshToken)

    expect(once.body.sessionExpiresAt).toBe(signedIn.body.sessionExpiresAt)
    expect(twice.body.sessionExpiresAt).toBe(signedIn.body.sessionExpiresAt)
  })

  it('is the expiresAt of the session in the sessions list', async () => {
    const signedIn = await login()
    const sessions = await expectJson(
      await call('/api/auth/sessions', { token: signedIn.accessToken }),
      200,
      sessionSchema.array(),
    )
    expect(sessions.map((session) => session.expiresAt)).toEqual([signedIn.body.sessionExpiresAt])
  })
})

describe('POST /api/auth/logout-others', () => {
  it('answers 204, keeps the caller’s session and revokes the user’s others', async () => {
    const caller = await login()
    const other = await login()
    const response = await call('/api/auth/logout-others', {
      method: 'POST',
      token: caller.accessToken,
    })

    expectNoSetCookie(response)
    await expectNoContent(response)
    await expectRefreshFailure(await postRefresh(other.refreshToken), 'session_revoked')
    const kept = await refresh(caller.refreshToken)
    expect(kept.sessionId).toBe(caller.sessionId)
    const sessions = await expectJson(
      await call('/api/auth/sessions', { token: kept.accessToken }),
      200,
      sessionSchema.array(),
    )
    expect(sessions.map((session) => session.id)).toEqual([caller.sessionId])
  })

  it('leaves other users’ sessions alone', async () => {
    const demo = await login()
    const alice = await login({ username: 'alice', password: 'alice-password-1' })

    await expectNoContent(
      await call('/api/auth/logout-others', { method: 'POST', token: demo.accessToken }),
    )

    await expectJson(await getMe(alice.accessToken), 200, userSchema)
    expect(decodeJwt(alice.accessToken).sid).toBe(alice.sessionId)
    await refresh(alice.refreshToken)
  })

  it('answers 401 token_missing without a Bearer token', async () => {
    const response = await call('/api/auth/logout-others', { method: 'POST' })
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="reel"')
    await expectProblem(response, 401, 'token_missing')
  })
})
