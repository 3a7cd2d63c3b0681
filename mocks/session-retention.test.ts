import { beforeEach, describe, expect, it } from 'vitest'
import { db, resetDb } from './db.ts'
import { createSession, rotateRefreshToken } from './session-service.ts'
import { MAX_LIVE_SESSIONS_PER_USER, MAX_REMEMBERED_ROTATIONS } from './session-retention.ts'

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
  it('forgets a revoked session and its tokens at the next sign-in, and keeps live ones', async () => {
    const ended = await signIn()
    const rotated = ended.refreshToken
    const current = await refreshed(rotated)
    ended.session.revoked = true
    const live = await signIn()
    await refreshed(live.refreshToken)

    await signIn('u_alice')

    expect(db.sessions.has(ended.session.id)).toBe(false)
    expect(db.refreshTokens.size).toBe(3)
    expect(await refusal(current)).toBe('refresh_invalid')
    expect(await refusal(rotated)).toBe('refresh_invalid')
    // The live session's rotated token is still remembered, so presenting it again is reuse.
    expect(await refusal(live.refreshToken)).toBe('refresh_reused')
  })

  it('forgets sessions past their idle timeout or absolute end at the next sign-in', async () => {
    const idle = await signIn()
    advanceSec(db.config.refreshIdleTtlSec)
    db.config.refreshTokenTtlSec = 60
    const absolute = await signIn()
    advanceSec(30)
    const rotated = await refreshed(absolute.refreshToken)
    advanceSec(30)

    const latest = await signIn()

    expect([...db.sessions.keys()]).toEqual([latest.session.id])
    expect(db.refreshTokens.size).toBe(1)
    expect(await refusal(idle.refreshToken)).toBe('refresh_invalid')
    expect(await refusal(rotated)).toBe('refresh_invalid')
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
    // Demo's live sessions, alice's, and the one the last sign-in revoked, until the next.
    expect(db.sessions.size).toBe(MAX_LIVE_SESSIONS_PER_USER + 2)
    expect(db.refreshTokens.size).toBe(MAX_LIVE_SESSIONS_PER_USER + 2)
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
