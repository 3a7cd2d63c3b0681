import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { REAUTHENTICATION_CHALLENGE, STEP_UP_MAX_AGE_SEC } from '../contract/account.ts'
import {
  call,
  DEMO,
  expectJson,
  expectNoContent,
  expectNoSetCookie,
  expectProblem,
  login,
  mockOnly,
  refresh,
  setServerClock,
  tokenResponseSchema,
  useMockServer,
  type SignedIn,
} from './client.ts'
import { NEW_AT, signInWith } from './oauth-flow.ts'

useMockServer()

const claimsOf = (accessToken: string) => decodeJwt(accessToken)

/**
 * A session whose sign-in is older than step-up allows: the lab clock moves past the limit (and
 * past the access token's life), and a refresh hands out a token that still names that sign-in.
 */
async function staleSession(): Promise<SignedIn> {
  const signedIn = await login()
  await setServerClock(STEP_UP_MAX_AGE_SEC + 10)
  return refresh(signedIn.refreshToken)
}

async function expectReauthenticationRequired(response: Response): Promise<void> {
  expect(response.headers.get('WWW-Authenticate')).toBe(REAUTHENTICATION_CHALLENGE)
  await expectProblem(response, 401, 'reauthentication_required')
}

describe('auth_time and amr in access tokens', () => {
  it('names a password sign-in: auth_time is the sign-in, amr is pwd', async () => {
    const before = Math.floor(Date.now() / 1000)
    const claims = claimsOf((await login()).accessToken)
    expect(claims.amr).toEqual(['pwd'])
    expect(claims.auth_time).toBe(claims.iat)
    // Within a few seconds of this machine's clock, whichever backend is asked.
    expect(Math.abs(Number(claims.auth_time) - before)).toBeLessThanOrEqual(5)
  })

  mockOnly('lab').it('copies auth_time unchanged into the tokens of a refresh', async () => {
    const signedIn = await login()
    const first = claimsOf(signedIn.accessToken)
    await setServerClock(120)
    const refreshed = claimsOf((await refresh(signedIn.refreshToken)).accessToken)
    expect(refreshed.iat).toBeGreaterThanOrEqual(Number(first.iat) + 120)
    expect(refreshed.auth_time).toBe(first.auth_time)
    expect(refreshed.amr).toEqual(['pwd'])
  })

  mockOnly('mock-providers').it('names a social sign-in with amr social', async () => {
    const { body } = await signInWith('kakao', NEW_AT.kakao)
    const claims = claimsOf(body.accessToken)
    expect(claims.amr).toEqual(['social'])
    expect(claims.auth_time).toBe(claims.iat)
  })
})

/** Every step-up endpoint, called by a signed-in user with a body it could accept. */
const STEP_UP_CALLS: { name: string; send: (token: string) => Promise<Response> }[] = [
  {
    name: 'POST /api/auth/logout-all',
    send: (token) => call('/api/auth/logout-all', { method: 'POST', token }),
  },
  {
    name: 'POST /api/auth/logout-others',
    send: (token) => call('/api/auth/logout-others', { method: 'POST', token }),
  },
  {
    name: 'POST /api/me/password',
    send: (token) =>
      call('/api/me/password', {
        method: 'POST',
        token,
        json: { currentPassword: DEMO.password, newPassword: 'correct-horse-battery' },
      }),
  },
  {
    name: 'POST /api/auth/passkeys/registration-options',
    send: (token) => call('/api/auth/passkeys/registration-options', { method: 'POST', token }),
  },
  {
    name: 'POST /api/auth/passkeys',
    send: (token) =>
      call('/api/auth/passkeys', { method: 'POST', token, json: { credential: {} } }),
  },
  {
    name: 'DELETE /api/auth/passkeys/:id',
    send: (token) => call('/api/auth/passkeys/unknown-passkey', { method: 'DELETE', token }),
  },
  {
    name: 'POST /api/me/providers/:provider',
    send: (token) =>
      call('/api/me/providers/google', {
        method: 'POST',
        token,
        json: { code: 'made-up-code', codeVerifier: 'v'.repeat(43), redirectUri: 'https://x/' },
      }),
  },
  {
    name: 'DELETE /api/me/providers/:provider',
    send: (token) => call('/api/me/providers/google', { method: 'DELETE', token }),
  },
]

mockOnly('lab').describe('step-up endpoints', () => {
  it.each(STEP_UP_CALLS)(
    '$name refuses a sign-in older than 300 seconds with reauthentication_required',
    async ({ send }) => {
      const stale = await staleSession()
      await expectReauthenticationRequired(await send(stale.accessToken))
    },
  )

  it.each(STEP_UP_CALLS)('$name accepts a sign-in 290 seconds old', async ({ send }) => {
    const signedIn = await login()
    await setServerClock(STEP_UP_MAX_AGE_SEC - 10)
    const fresh = await refresh(signedIn.refreshToken)
    const response = await send(fresh.accessToken)
    expect(response.status).not.toBe(401)
  })

  it('changes nothing when it refuses: the password stays as it was', async () => {
    const stale = await staleSession()
    await expectReauthenticationRequired(
      await call('/api/me/password', {
        method: 'POST',
        token: stale.accessToken,
        json: { currentPassword: DEMO.password, newPassword: 'correct-horse-battery' },
      }),
    )
    await login(DEMO)
  })

  it('changes nothing when it refuses: logout-all leaves every session standing', async () => {
    const other = await login()
    const stale = await staleSession()
    await expectReauthenticationRequired(
      await call('/api/auth/logout-all', { method: 'POST', token: stale.accessToken }),
    )
    await refresh(stale.refreshToken)
    await refresh(other.refreshToken)
  })

  it('judges the sign-in, not the token: a refreshed token of an old sign-in is refused', async () => {
    const stale = await staleSession()
    const again = await refresh(stale.refreshToken)
    await expectReauthenticationRequired(
      await call('/api/auth/logout-others', { method: 'POST', token: again.accessToken }),
    )
  })

  it('lets a fresh sign-in through at once', async () => {
    await setServerClock(STEP_UP_MAX_AGE_SEC * 10)
    const signedIn = await login()
    await expectNoContent(
      await call('/api/auth/logout-others', { method: 'POST', token: signedIn.accessToken }),
    )
  })
})

function reauthenticate(token: string | undefined, body: unknown): Promise<Response> {
  return call('/api/auth/reauthenticate', {
    method: 'POST',
    json: body,
    ...(token === undefined ? {} : { token }),
  })
}

describe('POST /api/auth/reauthenticate', () => {
  it('answers a token response for the same session, and leaves the refresh cookie as it was', async () => {
    const signedIn = await login()
    const before = claimsOf(signedIn.accessToken)
    const response = await reauthenticate(signedIn.accessToken, { password: DEMO.password })
    expectNoSetCookie(response)
    const body = await expectJson(response, 200, tokenResponseSchema)
    const claims = claimsOf(body.accessToken)
    expect(claims.sid).toBe(signedIn.sessionId)
    expect(claims.amr).toEqual(['pwd'])
    expect(Number(claims.auth_time)).toBeGreaterThanOrEqual(Number(before.auth_time))
    expect(body.user.username).toBe(DEMO.username)
    // Not rotated: the cookie the browser holds is still the current one.
    await refresh(signedIn.refreshToken)
  })

  mockOnly('lab').it('makes an old sign-in fresh again for step-up', async () => {
    const stale = await staleSession()
    const response = await reauthenticate(stale.accessToken, { password: DEMO.password })
    const { accessToken } = await expectJson(response, 200, tokenResponseSchema)
    expect(claimsOf(accessToken).auth_time).toBeGreaterThan(
      Number(claimsOf(stale.accessToken).auth_time),
    )
    await expectNoContent(
      await call('/api/auth/logout-others', { method: 'POST', token: accessToken }),
    )
    // The refresh copies the new auth_time.
    const refreshed = await refresh(stale.refreshToken)
    expect(claimsOf(refreshed.accessToken).auth_time).toBe(claimsOf(accessToken).auth_time)
  })

  it('refuses a wrong password with invalid_credentials and changes nothing', async () => {
    const signedIn = await login()
    const response = await reauthenticate(signedIn.accessToken, { password: 'wrong-password' })
    expectNoSetCookie(response)
    await expectProblem(response, 401, 'invalid_credentials')
    await refresh(signedIn.refreshToken)
  })

  it('needs an access token', async () => {
    const response = await reauthenticate(undefined, { password: DEMO.password })
    await expectProblem(response, 401, 'token_missing')
  })

  it('refuses a body that is neither a password nor a credential', async () => {
    const signedIn = await login()
    await expectProblem(await reauthenticate(signedIn.accessToken, {}), 400, 'validation_failed')
  })

  it('is throttled like a sign-in: five wrong passwords, then 429 with Retry-After', async () => {
    const signedIn = await login()
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await reauthenticate(signedIn.accessToken, { password: 'wrong-password' })
      await expectProblem(response, 401, 'invalid_credentials')
    }
    const response = await reauthenticate(signedIn.accessToken, { password: DEMO.password })
    await expectProblem(response, 429, 'too_many_attempts')
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
  })

  mockOnly('mock-providers').it('refuses a password for an account that has none', async () => {
    const { body } = await signInWith('kakao', NEW_AT.kakao)
    const response = await reauthenticate(body.accessToken, { password: 'any-password-at-all' })
    await expectProblem(response, 401, 'invalid_credentials')
  })
})
