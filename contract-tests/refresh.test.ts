import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_REFRESH_MAX_AGE,
  expectJson,
  expectProblem,
  expectRefreshCookie,
  expectRefreshFailure,
  getMe,
  getStats,
  login,
  patchConfig,
  postRefresh,
  refresh,
  setServerClock,
  tokenResponseSchema,
  useMockServer,
  userSchema,
  mockOnly,
} from './client.ts'

useMockServer()

/** A token of the right shape that the server never issued. */
const UNKNOWN_TOKEN = 'A'.repeat(43)

function alter(token: string): string {
  const last = token.at(-1) === 'A' ? 'B' : 'A'
  return `${token.slice(0, -1)}${last}`
}

describe('POST /api/auth/refresh', () => {
  describe('rotation', () => {
    it('answers 200 with a new access token, the user and Cache-Control: no-store', async () => {
      const signedIn = await login()
      const response = await postRefresh(signedIn.refreshToken)
      const body = await expectJson(response, 200, tokenResponseSchema)

      expect(response.headers.get('Cache-Control')).toBe('no-store')
      expect(body.tokenType).toBe('Bearer')
      expect(body.expiresIn).toBe(300)
      expect(body.user).toEqual(signedIn.body.user)
      expect(body.accessToken).not.toBe(signedIn.accessToken)
      expect(decodeJwt(body.accessToken).sid).toBe(signedIn.sessionId)
      await expectJson(await getMe(body.accessToken), 200, userSchema)
    })

    it('rotates the refresh token on every use', async () => {
      const first = await login()
      const second = await refresh(first.refreshToken)
      const third = await refresh(second.refreshToken)

      expect(second.refreshToken).not.toBe(first.refreshToken)
      expect(third.refreshToken).not.toBe(second.refreshToken)
      expect(third.refreshToken).not.toBe(first.refreshToken)
    })

    mockOnly('lab').it(
      'treats an already-rotated token as reuse and revokes the whole session',
      async () => {
        const signedIn = await login()
        const rotated = await refresh(signedIn.refreshToken)

        await expectRefreshFailure(await postRefresh(signedIn.refreshToken), 'refresh_reused')
        await expectRefreshFailure(await postRefresh(rotated.refreshToken), 'session_revoked')

        const stats = await getStats()
        expect(stats.reuseDetections).toBe(1)
        expect(stats.activeSessions).toBe(0)
      },
    )

    mockOnly('lab').it(
      'lets only one of several concurrent refreshes with the same token rotate it',
      async () => {
        const signedIn = await login()
        const responses = await Promise.all(
          Array.from({ length: 5 }, () => postRefresh(signedIn.refreshToken)),
        )
        const statuses = responses.map((response) => response.status).sort()

        // Two successes would be two live branches of one session, beyond reuse detection.
        expect(statuses).toEqual([200, 401, 401, 401, 401])
        expect((await getStats()).activeSessions).toBe(0)
      },
    )

    it('does not revoke the session of another sign-in when one session is reused', async () => {
      const stolen = await login()
      const other = await login()
      await refresh(stolen.refreshToken)
      await expectRefreshFailure(await postRefresh(stolen.refreshToken), 'refresh_reused')

      await refresh(other.refreshToken)
    })
  })

  describe('failures', () => {
    it('answers refresh_missing without a cookie', async () => {
      await expectRefreshFailure(await postRefresh(), 'refresh_missing')
    })

    it('answers refresh_missing when only other cookies are sent', async () => {
      const response = await postRefresh(undefined, { headers: { Cookie: 'theme=dark' } })
      await expectRefreshFailure(response, 'refresh_missing')
    })

    it('answers refresh_invalid for a token it never issued', async () => {
      await login()
      await expectRefreshFailure(await postRefresh(UNKNOWN_TOKEN), 'refresh_invalid')
    })

    it('answers refresh_invalid for garbage in the cookie', async () => {
      await expectRefreshFailure(await postRefresh('not-a-token'), 'refresh_invalid')
    })

    it('answers refresh_invalid for an altered token and keeps the real session', async () => {
      const signedIn = await login()
      await expectRefreshFailure(await postRefresh(alter(signedIn.refreshToken)), 'refresh_invalid')
      await refresh(signedIn.refreshToken)
    })

    mockOnly('lab').it(
      'answers refresh_expired once the absolute lifetime has passed',
      async () => {
        await patchConfig({ refreshTokenTtlSec: 60 })
        const signedIn = await login()
        expect(signedIn.maxAge).toBe(60)

        await setServerClock(61)
        await expectRefreshFailure(await postRefresh(signedIn.refreshToken), 'refresh_expired')
      },
    )

    mockOnly('lab').it('never extends the absolute lifetime by rotating', async () => {
      await patchConfig({ refreshTokenTtlSec: 60 })
      const signedIn = await login()
      await setServerClock(30)
      const rotated = await refresh(signedIn.refreshToken)

      await setServerClock(61)
      await expectRefreshFailure(await postRefresh(rotated.refreshToken), 'refresh_expired')
    })

    mockOnly('lab').it(
      'answers refresh_expired after the idle timeout without a refresh',
      async () => {
        await patchConfig({ refreshIdleTtlSec: 60 })
        const signedIn = await login()

        await setServerClock(61)
        await expectRefreshFailure(await postRefresh(signedIn.refreshToken), 'refresh_expired')
      },
    )

    mockOnly('lab').it('restarts the idle timeout on every refresh', async () => {
      await patchConfig({ refreshIdleTtlSec: 60 })
      const signedIn = await login()
      await setServerClock(50)
      const rotated = await refresh(signedIn.refreshToken)
      await setServerClock(100)

      await refresh(rotated.refreshToken)
    })
  })

  mockOnly('lab').describe('cookie lifetime', () => {
    it('counts Max-Age down to the remaining absolute lifetime on each rotation', async () => {
      const signedIn = await login()
      expect(signedIn.maxAge).toBe(DEFAULT_REFRESH_MAX_AGE)

      await setServerClock(3600)
      const first = await refresh(signedIn.refreshToken)
      expect(first.maxAge).toBeLessThanOrEqual(DEFAULT_REFRESH_MAX_AGE - 3600)
      expect(first.maxAge).toBeGreaterThan(DEFAULT_REFRESH_MAX_AGE - 3600 - 5)

      await setServerClock(7200)
      const second = await refresh(first.refreshToken)
      expect(second.maxAge).toBeLessThanOrEqual(DEFAULT_REFRESH_MAX_AGE - 7200)
      expect(second.maxAge).toBeGreaterThan(DEFAULT_REFRESH_MAX_AGE - 7200 - 5)
    })

    it('sets Max-Age from refreshTokenTtlSec for a new sign-in', async () => {
      await patchConfig({ refreshTokenTtlSec: 3600 })
      expect((await login()).maxAge).toBe(3600)
    })
  })

  mockOnly('lab').describe('reuse grace window', () => {
    it('answers a retried parent within the window with the same child and no reuse detection', async () => {
      await patchConfig({ refreshReuseGraceSec: 30 })
      const signedIn = await login()
      const child = await refresh(signedIn.refreshToken)
      const before = await getStats()

      await setServerClock(10)
      const retried = await refresh(signedIn.refreshToken)

      expect(retried.refreshToken).toBe(child.refreshToken)
      expect(retried.sessionId).toBe(child.sessionId)
      const after = await getStats()
      expect(after.reuseDetections).toBe(before.reuseDetections)
      expect(after.activeSessions).toBe(before.activeSessions)
      // No new branch: the child is still the one current token and keeps working.
      await refresh(child.refreshToken)
    })

    it('answers concurrent refreshes with one token with one and the same child', async () => {
      await patchConfig({ refreshReuseGraceSec: 30 })
      const signedIn = await login()
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => postRefresh(signedIn.refreshToken)),
      )
      const children = await Promise.all(
        responses.map(async (response) => {
          await expectJson(response, 200, tokenResponseSchema)
          return expectRefreshCookie(response).token
        }),
      )
      expect(new Set(children).size).toBe(1)
      expect(children[0]).not.toBe(signedIn.refreshToken)
      expect((await getStats()).reuseDetections).toBe(0)
    })

    it('detects reuse once the window has passed', async () => {
      await patchConfig({ refreshReuseGraceSec: 30 })
      const signedIn = await login()
      await refresh(signedIn.refreshToken)

      await setServerClock(31)
      await expectRefreshFailure(await postRefresh(signedIn.refreshToken), 'refresh_reused')
      expect((await getStats()).reuseDetections).toBe(1)
    })

    it('detects reuse within the window once the child has itself been rotated', async () => {
      await patchConfig({ refreshReuseGraceSec: 30 })
      const signedIn = await login()
      const child = await refresh(signedIn.refreshToken)
      await refresh(child.refreshToken)

      await expectRefreshFailure(await postRefresh(signedIn.refreshToken), 'refresh_reused')
    })

    it('has no grace window by default', async () => {
      expect((await patchConfig({})).refreshReuseGraceSec).toBe(0)
      const signedIn = await login()
      await refresh(signedIn.refreshToken)
      await expectRefreshFailure(await postRefresh(signedIn.refreshToken), 'refresh_reused')
    })
  })

  mockOnly('lab').describe('lab failure modes', () => {
    it('answers 401 with the cookie cleared when refreshFailure is unauthorized', async () => {
      const signedIn = await login()
      await patchConfig({ refreshFailure: 'unauthorized' })
      const response = await postRefresh(signedIn.refreshToken)

      await expectRefreshFailure(response, 'refresh_invalid')
    })

    it('answers 500 server_error when refreshFailure is server_error', async () => {
      const signedIn = await login()
      await patchConfig({ refreshFailure: 'server_error' })

      await expectProblem(await postRefresh(signedIn.refreshToken), 500, 'server_error')
    })

    it('drops the connection when refreshFailure is network', async () => {
      const signedIn = await login()
      await patchConfig({ refreshFailure: 'network' })

      await expect(postRefresh(signedIn.refreshToken)).rejects.toThrow(TypeError)
    })

    it('refreshes normally again once refreshFailure is back to none', async () => {
      const signedIn = await login()
      await patchConfig({ refreshFailure: 'server_error' })
      await expectProblem(await postRefresh(signedIn.refreshToken), 500, 'server_error')

      await patchConfig({ refreshFailure: 'none' })
      await refresh(signedIn.refreshToken)
    })
  })
})
