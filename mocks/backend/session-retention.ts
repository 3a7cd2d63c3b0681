import { db, isSessionActive, type SessionRecord } from './db.ts'

/**
 * What bounds the sessions a server hosting the mock for anyone remembers: signing in again and
 * again, or refreshing in a loop, must not grow its memory without limit.
 *
 * - A user's `MAX_ENDED_SESSIONS_PER_USER` most recent ended sessions (revoked, or past their
 *   absolute or idle end) are kept with their refresh tokens, so a tab that comes back still
 *   learns why its session ended (`session_revoked`, `refresh_expired`, reuse). Older ended
 *   sessions are forgotten at the next sign-in; their tokens are then unknown (`refresh_invalid`).
 * - A user has at most `MAX_LIVE_SESSIONS_PER_USER` live sessions: a sign-in beyond that revokes
 *   the user's oldest ones, as a server that caps devices per account does.
 * - A session remembers its `MAX_REMEMBERED_ROTATIONS` latest rotated tokens: presenting one of
 *   them again is reuse and revokes the session; an older one is unknown. At the default access
 *   token lifetime that covers more than eight hours of refreshes back.
 *
 * Users are few (the seed and the mock providers' fixed accounts), so a sweep over every session
 * is cheap, and memory is bounded by users × (live + ended sessions) × rotations.
 */

export const MAX_LIVE_SESSIONS_PER_USER = 20
export const MAX_ENDED_SESSIONS_PER_USER = 20
export const MAX_REMEMBERED_ROTATIONS = 100

function forgetSession(session: SessionRecord): void {
  for (const hash of session.refreshTokenHashes) db.refreshTokens.delete(hash)
  db.sessions.delete(session.id)
}

/** Forgets each user's ended sessions beyond the most recent few, with their refresh tokens. */
export function sweepEndedSessions(now: number): void {
  const endedPerUser = new Map<string, number>()
  // Newest first: sessions are kept in the order they were created.
  for (const session of [...db.sessions.values()].reverse()) {
    if (isSessionActive(session, now)) continue
    const ended = (endedPerUser.get(session.userId) ?? 0) + 1
    endedPerUser.set(session.userId, ended)
    if (ended > MAX_ENDED_SESSIONS_PER_USER) forgetSession(session)
  }
}

/**
 * Revokes the user's oldest live sessions until one more fits under the cap. Sessions are kept
 * in the order they were created, so the first found are the oldest.
 */
export function makeRoomForSession(userId: string, now: number): void {
  const live = [...db.sessions.values()].filter(
    (session) => session.userId === userId && isSessionActive(session, now),
  )
  for (const session of live.slice(0, Math.max(0, live.length - MAX_LIVE_SESSIONS_PER_USER + 1))) {
    session.revoked = true
  }
}

/** Records a session's new current token, forgetting its rotated ones beyond the limit. */
export function rememberRefreshToken(session: SessionRecord, hash: string): void {
  session.refreshTokenHashes.push(hash)
  // The current token is the last, and is never counted among the rotated ones.
  const forgotten = session.refreshTokenHashes.length - 1 - MAX_REMEMBERED_ROTATIONS
  if (forgotten <= 0) return
  for (const old of session.refreshTokenHashes.splice(0, forgotten)) db.refreshTokens.delete(old)
}
