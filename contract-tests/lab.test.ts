import { expect, it } from 'vitest'
import {
  call,
  DEMO,
  expectClearedRefreshCookie,
  expectJson,
  expectNoContent,
  expectProblem,
  getConfig,
  getMe,
  getStats,
  labConfigSchema,
  login,
  movieSchema,
  patchConfig,
  postLogin,
  postRefresh,
  problemSchema,
  refresh,
  timed,
  useMockServer,
  mockOnly,
} from './client.ts'

useMockServer()

const DAY = 24 * 60 * 60

const DEFAULT_CONFIG = {
  accessTokenTtlSec: 300,
  refreshTokenTtlSec: 14 * DAY,
  refreshIdleTtlSec: 3 * DAY,
  refreshReuseGraceSec: 0,
  latencyMs: 0,
  refreshLatencyMs: 0,
  refreshFailure: 'none',
  serverClockSkewSec: 0,
  signingAlg: 'ES256',
}

function patch(body: unknown): Promise<Response> {
  return call('/api/__lab/config', { method: 'PATCH', json: body })
}

mockOnly('lab').describe('GET /api/__lab/config', () => {
  it('answers the contract defaults', async () => {
    expect(await getConfig()).toEqual(DEFAULT_CONFIG)
  })
})

mockOnly('lab').describe('PATCH /api/__lab/config', () => {
  it('changes the fields sent and answers the whole config', async () => {
    const response = await patch({ accessTokenTtlSec: 60, refreshFailure: 'server_error' })
    const config = await expectJson(response, 200, labConfigSchema)

    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      accessTokenTtlSec: 60,
      refreshFailure: 'server_error',
    })
    expect(await getConfig()).toEqual(config)
  })

  it('accepts every field of the contract', async () => {
    const everything = {
      accessTokenTtlSec: 120,
      refreshTokenTtlSec: 3600,
      refreshIdleTtlSec: 1800,
      refreshReuseGraceSec: 10,
      latencyMs: 5,
      refreshLatencyMs: 6,
      refreshFailure: 'network',
      serverClockSkewSec: -30,
      signingAlg: 'HS256',
    } as const
    expect(await patchConfig(everything)).toEqual(everything)
  })

  it.each([
    ['a non-JSON body', undefined, 'not json'],
    ['a negative latency', { latencyMs: -1 }, undefined],
    ['a number as text', { accessTokenTtlSec: '60' }, undefined],
    ['a fractional number', { refreshTokenTtlSec: 1.5 }, undefined],
    ['an unknown refreshFailure mode', { refreshFailure: 'sometimes' }, undefined],
    ['an unknown signingAlg', { signingAlg: 'none' }, undefined],
    ['a zero access token lifetime', { accessTokenTtlSec: 0 }, undefined],
    ['an unknown key', { tokenTtl: 60 }, undefined],
    ['a valid field next to an unknown key', { latencyMs: 10, tokenTtl: 60 }, undefined],
    ['a valid field next to an invalid one', { latencyMs: 10, refreshFailure: 'x' }, undefined],
    ['an array', [{ latencyMs: 10 }], undefined],
  ])(
    'answers 400 validation_failed for %s and leaves the config unchanged',
    async (_, json, body) => {
      const before = await getConfig()
      const response = await call('/api/__lab/config', {
        method: 'PATCH',
        ...(body === undefined
          ? { json }
          : { body, headers: { 'Content-Type': 'application/json' } }),
      })
      await expectProblem(response, 400, 'validation_failed')
      expect(await getConfig()).toEqual(before)
    },
  )
})

mockOnly('lab').describe('GET /api/__lab/stats', () => {
  it('starts at zero', async () => {
    expect(await getStats()).toEqual({
      loginCalls: 0,
      refreshCalls: 0,
      refreshSucceeded: 0,
      reuseDetections: 0,
      rejectedAccessTokens: 0,
      activeSessions: 0,
    })
  })

  it('counts logins, refreshes, reuse, rejected access tokens and active sessions', async () => {
    await postLogin({ username: DEMO.username, password: 'wrong' })
    const first = await login()
    const second = await login()
    const rotated = await refresh(first.refreshToken)
    await refresh(rotated.refreshToken)
    await postRefresh(first.refreshToken) // reuse: revokes the first session
    await postRefresh() // missing
    await getMe('garbage')
    await getMe(second.accessToken)

    expect(await getStats()).toEqual({
      loginCalls: 3,
      refreshCalls: 4,
      refreshSucceeded: 2,
      reuseDetections: 1,
      rejectedAccessTokens: 1,
      activeSessions: 1,
    })
  })

  it('stops counting a session as active once it expires', async () => {
    await patchConfig({ refreshTokenTtlSec: 60 })
    await login()
    expect((await getStats()).activeSessions).toBe(1)

    await patchConfig({ serverClockSkewSec: 61 })
    expect((await getStats()).activeSessions).toBe(0)
  })
})

mockOnly('lab').describe('POST /api/__lab/reset', () => {
  it('restores the default config, zero counters, no sessions and the seed watchlist', async () => {
    const signedIn = await login()
    await patchConfig({ accessTokenTtlSec: 60, refreshReuseGraceSec: 5, latencyMs: 1 })
    await refresh(signedIn.refreshToken)
    await getMe('garbage')
    await expectNoContent(
      await call('/api/me/watchlist/parasite-2019', {
        method: 'DELETE',
        token: signedIn.accessToken,
      }),
    )
    await expectNoContent(
      await call('/api/me/watchlist/dune-2021', { method: 'PUT', token: signedIn.accessToken }),
    )

    await expectNoContent(await call('/api/__lab/reset', { method: 'POST' }))

    expect(await getConfig()).toEqual(DEFAULT_CONFIG)
    const stats = await getStats()
    expect(stats).toEqual({
      loginCalls: 0,
      refreshCalls: 0,
      refreshSucceeded: 0,
      reuseDetections: 0,
      rejectedAccessTokens: 0,
      activeSessions: 0,
    })
    // The old session is gone: its cookie is refused like any token the server does not hold.
    const refreshAfterReset = await postRefresh(signedIn.refreshToken)
    expectClearedRefreshCookie(refreshAfterReset)
    const problem = problemSchema.parse(await refreshAfterReset.json())
    expect(refreshAfterReset.status).toBe(401)
    expect(['refresh_invalid', 'session_revoked']).toContain(problem.code)

    const again = await login()
    const watchlist = await expectJson(
      await call('/api/me/watchlist', { token: again.accessToken }),
      200,
      movieSchema.array(),
    )
    expect(watchlist.map((movie) => movie.id).sort()).toEqual(
      ['parasite-2019', 'spirited-away-2001'].sort(),
    )
  })
})

mockOnly('lab').describe('latency', () => {
  it('delays API responses by at least latencyMs', async () => {
    const { accessToken } = await login()
    await patchConfig({ latencyMs: 200 })

    const elapsed = await timed(() => getMe(accessToken))
    // A lower bound only, less a millisecond for timer rounding; never an upper bound.
    expect(elapsed).toBeGreaterThanOrEqual(199)
  })

  it('delays the refresh call by at least refreshLatencyMs', async () => {
    const { refreshToken } = await login()
    await patchConfig({ refreshLatencyMs: 200 })

    const elapsed = await timed(() => postRefresh(refreshToken))
    expect(elapsed).toBeGreaterThanOrEqual(199)
  })
})
