import { describe, expect, it } from 'vitest'
import {
  ALICE,
  call,
  DEMO,
  expectJson,
  expectNoContent,
  expectProblem,
  getMe,
  getStats,
  login,
  patchConfig,
  postRefresh,
  refresh,
  setServerClock,
  mockOnly,
  useMockServer,
  userSchema,
  type SignedIn,
} from './client.ts'

useMockServer()

const DAY = 24 * 60 * 60

/** A well-signed access token whose session no longer stands: 401 token_invalid, RFC 6750. */
async function expectRevoked(signedIn: SignedIn): Promise<void> {
  const response = await getMe(signedIn.accessToken)
  expect(response.headers.get('WWW-Authenticate')).toBe(
    'Bearer realm="reel", error="invalid_token"',
  )
  await expectProblem(response, 401, 'token_invalid')
}

async function expectAccepted(signedIn: SignedIn): Promise<void> {
  await expectJson(await getMe(signedIn.accessToken), 200, userSchema)
}

describe('revocation reaches access tokens', () => {
  it('stops the access token of a session that logged out', async () => {
    const signedIn = await login()
    await expectAccepted(signedIn)

    await expectNoContent(
      await call('/api/auth/logout', { method: 'POST', refreshToken: signedIn.refreshToken }),
    )

    await expectRevoked(signedIn)
  })

  it('stops the access tokens of a device revoked from another one, and only those', async () => {
    const laptop = await login()
    const phone = await login()

    await expectNoContent(
      await call(`/api/auth/sessions/${laptop.sessionId}`, {
        method: 'DELETE',
        token: phone.accessToken,
      }),
    )

    await expectRevoked(laptop)
    await expectAccepted(phone)
  })

  it('stops every access token of the user on logout-all, and no one else’s', async () => {
    const first = await login()
    const second = await login()
    const alice = await login(ALICE)

    await expectNoContent(
      await call('/api/auth/logout-all', { method: 'POST', token: first.accessToken }),
    )

    await expectRevoked(first)
    await expectRevoked(second)
    await expectAccepted(alice)
  })

  it('stops the other sessions’ access tokens on logout-others and keeps the caller’s', async () => {
    const caller = await login()
    const other = await login()

    await expectNoContent(
      await call('/api/auth/logout-others', { method: 'POST', token: caller.accessToken }),
    )

    await expectRevoked(other)
    await expectAccepted(caller)
  })

  it('stops the access tokens of a session revoked by reuse detection', async () => {
    const signedIn = await login()
    const rotated = await refresh(signedIn.refreshToken)
    await expectAccepted(rotated)

    expect((await postRefresh(signedIn.refreshToken)).status).toBe(401)

    await expectRevoked(signedIn)
    await expectRevoked(rotated)
  })

  mockOnly('lab').it('stops every access token on a lab reset', async () => {
    const signedIn = await login()

    await expectNoContent(await call('/api/__lab/reset', { method: 'POST' }))

    await expectRevoked(signedIn)
  })

  it('stops the access token of a session a new sign-in replaced', async () => {
    const first = await login()

    await login(DEMO, { refreshToken: first.refreshToken })

    await expectRevoked(first)
  })

  mockOnly('lab').it('stops the access token of a session past its absolute lifetime', async () => {
    await patchConfig({ refreshTokenTtlSec: 60, refreshIdleTtlSec: 3 * DAY })
    const signedIn = await login()
    // Access tokens outlive the session here, so only the session can stop this one.
    await patchConfig({ accessTokenTtlSec: 3600 })
    const longLived = await refresh(signedIn.refreshToken)

    await setServerClock(59)
    await expectAccepted(longLived)
    await setServerClock(61)
    await expectRevoked(longLived)
  })

  mockOnly('lab').it(
    'stops the access token of a session idle for longer than the idle timeout',
    async () => {
      await patchConfig({ accessTokenTtlSec: 3600, refreshIdleTtlSec: 60 })
      const signedIn = await login()

      await setServerClock(59)
      await expectAccepted(signedIn)
      await setServerClock(61)
      await expectRevoked(signedIn)
    },
  )

  mockOnly('lab').it(
    'counts each refused access token of a revoked session in rejectedAccessTokens',
    async () => {
      const signedIn = await login()
      await expectNoContent(
        await call('/api/auth/logout', { method: 'POST', refreshToken: signedIn.refreshToken }),
      )
      const before = (await getStats()).rejectedAccessTokens

      await expectRevoked(signedIn)
      await expectRevoked(signedIn)

      expect((await getStats()).rejectedAccessTokens).toBe(before + 2)
    },
  )

  it('stops the access token on every protected endpoint, not only /api/me', async () => {
    const signedIn = await login()
    await expectNoContent(
      await call('/api/auth/logout', { method: 'POST', refreshToken: signedIn.refreshToken }),
    )

    for (const [method, path] of [
      ['GET', '/api/movies'],
      ['GET', '/api/movies/parasite-2019'],
      ['GET', '/api/me/watchlist'],
      ['PUT', '/api/me/watchlist/parasite-2019'],
      ['DELETE', '/api/me/watchlist/parasite-2019'],
      ['GET', '/api/auth/sessions'],
      ['POST', '/api/auth/logout-all'],
      ['POST', '/api/auth/logout-others'],
    ] as const) {
      const response = await call(path, { method, token: signedIn.accessToken })
      await expectProblem(response, 401, 'token_invalid')
    }
  })
})
