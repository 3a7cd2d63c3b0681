import { beforeEach, describe, expect, it } from 'vitest'
import { db, resetDb } from './db.ts'
import { createSession, rotateRefreshToken } from './session-service.ts'
import {
  MAX_ENDED_SESSIONS_PER_USER,
  MAX_LIVE_SESSIONS_PER_USER,
  MAX_REMEMBERED_ROTATIONS,
} from './session-retention.ts'

function user(id: string) {
  const record = db.users.get(id)
  if (!record) throw new Error(`${id} missing`)
  return record
}

const signIn = (userId = 'u_demo', refreshCookie?: string) =>
  createSession({
    user: user(userId),
    provider: 'password',
    userAgent: 'test',
    remember: true,
    refreshCookie,
  })

/** Refreshes and returns the successor, failing the test on any refusal. */
async function refreshed(token: string): Promise<string> {
  const result = await rotateRefreshToken(token)
  if (!result.ok) throw new Error(`refresh refused: ${result.code}`)
  return result.refreshToken
}

async function refusal(token: string) {
  const result = await rotateRefreshToken(token)
  return result.ok ? 'ok' : result.code
}

/** Moves the lab's server clock forward. */
const advanceSec = (seconds: number) => {
  db.config.serverClockSkewSec += seconds
}

beforeEach(() => {
  resetDb()
})

describe('session retention', () => {
  it('still says why a recent session ended after others sign in', async () => {
    const revoked = await signIn()
    const rotated = revoked.refreshToken
    const current = await refreshed(rotated)
    revoked.session.revoked = true
    db.config.refreshTokenTtlSec = 60
    const expired = await signIn()
    advanceSec(60)

    await signIn('u_alice')

    expect(await refusal(current)).toBe('session_revoked')
    expect(await refusal(expired.refreshToken)).toBe('refresh_expired')
  })

  it("forgets a user's oldest ended sessions beyond the limit, and keeps live ones", async () => {
    const live = await signIn()
    await refreshed(live.refreshToken)
    const ended = []
    for (let index = 0; index <= MAX_ENDED_SESSIONS_PER_USER; index++) {
      const signedIn = await signIn()
      signedIn.session.revoked = true
      ended.push(signedIn)
    }

    await signIn('u_alice')

    const [oldest, kept] = ended
    if (!oldest || !kept) throw new Error('no ended sessions')
    expect(db.sessions.has(oldest.session.id)).toBe(false)
    expect(await refusal(oldest.refreshToken)).toBe('refresh_invalid')
    expect(await refusal(kept.refreshToken)).toBe('session_revoked')
    // Demo's live session with its rotated and current token, the ended ones kept, alice's.
    expect(db.sessions.size).toBe(1 + MAX_ENDED_SESSIONS_PER_USER + 1)
    expect(db.refreshTokens.size).toBe(2 + MAX_ENDED_SESSIONS_PER_USER + 1)
    // The live session's rotated token is still remembered, so presenting it again is reuse.
    expect(await refusal(live.refreshToken)).toBe('refresh_reused')
  })

  it('caps the live sessions per user, revoking the oldest first', async () => {
    const first = await signIn()
    const second = await signIn()
    const others = await signIn('u_alice')
    let newest = second
    for (let index = 2; index <= MAX_LIVE_SESSIONS_PER_USER; index++) newest = await signIn()

    expect(await refusal(first.refreshToken)).toBe('session_revoked')
    expect(db.sessions.get(second.session.id)?.revoked).toBe(false)
    expect(db.sessions.get(others.session.id)?.revoked).toBe(false)
    await refreshed(newest.refreshToken)

    for (let index = 0; index < 3 * MAX_LIVE_SESSIONS_PER_USER; index++) await signIn()
    // Demo's live sessions, its most recent ended ones, the one the last sign-in revoked (until
    // the next sweeps), and alice's.
    const kept = MAX_LIVE_SESSIONS_PER_USER + MAX_ENDED_SESSIONS_PER_USER + 2
    expect(db.sessions.size).toBe(kept)
    expect(db.refreshTokens.size).toBe(kept)
  })

  it('remembers only the latest rotated tokens of a session', async () => {
    const signedIn = await signIn()
    const first = signedIn.refreshToken
    const second = await refreshed(first)
    let current = second
    for (let index = 1; index <= MAX_REMEMBERED_ROTATIONS; index++) {
      current = await refreshed(current)
    }

    expect(db.refreshTokens.size).toBe(MAX_REMEMBERED_ROTATIONS + 1)
    expect(await refusal(first)).toBe('refresh_invalid')
    expect(await refusal(second)).toBe('refresh_reused')
    expect(await refusal(current)).toBe('session_revoked')
  })
})
