import { describe, expect, it } from 'vitest'
import {
  ALICE,
  call,
  expectClearedRefreshCookie,
  expectNoContent,
  expectRefreshFailure,
  getStats,
  login,
  postRefresh,
  refresh,
  useMockServer,
  mockOnly,
} from './client.ts'

useMockServer()

describe('POST /api/auth/logout', () => {
  mockOnly('lab').it('answers 204, clears the cookie and revokes the session', async () => {
    const signedIn = await login()
    const response = await call('/api/auth/logout', {
      method: 'POST',
      refreshToken: signedIn.refreshToken,
    })

    expectClearedRefreshCookie(response)
    await expectNoContent(response)
    await expectRefreshFailure(await postRefresh(signedIn.refreshToken), 'session_revoked')
    expect((await getStats()).activeSessions).toBe(0)
  })

  it('answers 204 and clears the cookie when there is no cookie', async () => {
    const response = await call('/api/auth/logout', { method: 'POST' })
    expectClearedRefreshCookie(response)
    await expectNoContent(response)
  })

  it('answers 204 for an unknown refresh token and revokes nothing', async () => {
    const signedIn = await login()
    const response = await call('/api/auth/logout', {
      method: 'POST',
      refreshToken: 'A'.repeat(43),
    })
    await expectNoContent(response)
    await refresh(signedIn.refreshToken)
  })

  it('revokes only the session of the cookie, not the user’s other sessions', async () => {
    const first = await login()
    const second = await login()
    await expectNoContent(
      await call('/api/auth/logout', { method: 'POST', refreshToken: first.refreshToken }),
    )
    await refresh(second.refreshToken)
  })
})

describe('POST /api/auth/logout-all', () => {
  it('answers 204 and revokes every session of the user', async () => {
    const first = await login()
    const second = await login()

    const response = await call('/api/auth/logout-all', {
      method: 'POST',
      token: first.accessToken,
    })
    await expectNoContent(response)

    await expectRefreshFailure(await postRefresh(first.refreshToken), 'session_revoked')
    await expectRefreshFailure(await postRefresh(second.refreshToken), 'session_revoked')
  })

  mockOnly('lab').it('leaves other users’ sessions alone', async () => {
    const demo = await login()
    const alice = await login(ALICE)

    await expectNoContent(
      await call('/api/auth/logout-all', { method: 'POST', token: demo.accessToken }),
    )

    await refresh(alice.refreshToken)
    expect((await getStats()).activeSessions).toBe(1)
  })
})
