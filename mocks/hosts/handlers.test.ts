import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db, resetDb } from '../backend/db.ts'
import { issueAuthorizationCode } from '../providers/authorization-server.ts'
import { providerNow, providerState } from '../providers/state.ts'
// The host's routes tie the two rooms together when they are loaded, as every host loads them.
import './handlers.ts'

const googleRequest = {
  provider: 'google',
  clientId: 'reel',
  redirectUri: 'http://localhost/auth/callback/google',
  state: 'state',
  codeChallenge: null,
  expiresAt: 0,
} as const

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  resetDb()
})
afterEach(() => {
  resetDb()
  vi.useRealTimers()
})

describe('a host serving the mock backend and the mock providers', () => {
  it("has the lab's reset forget the providers' codes too", async () => {
    await issueAuthorizationCode(googleRequest, '108234567890123456789')
    expect(providerState.authorizationCodes.size).toBe(1)

    resetDb()

    expect(providerState.authorizationCodes.size).toBe(0)
  })

  it("moves the providers' clock with the lab's clock skew", () => {
    db.config.serverClockSkewSec = 61

    expect(providerNow()).toBe(Date.now() + 61_000)
  })
})
