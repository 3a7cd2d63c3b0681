import { describe, expect, it } from 'vitest'
import { db } from '../../mocks/db'
import { createTab, DEMO, expireAccessTokensOnServer } from '../test/auth-harness'
import { createAuthFetch } from './auth-fetch'

describe("fetch with the session's token", () => {
  it('refreshes first when the server no longer takes the token, then sends the request', async () => {
    const { session } = createTab()
    await session.signIn(DEMO)
    expireAccessTokensOnServer()
    const authFetch = createAuthFetch(session)

    const response = await authFetch(new URL('/api/me', location.href))

    expect(response.status).toBe(200)
    expect(db.stats.refreshCalls).toBe(1)
    expect(await session.getAccessToken()).toBe(session.accessToken()?.value)
  })
})
