import type { AuthMethod } from '../contract/account.ts'
import type { RevocationReason } from '../contract/problem.ts'
import { randomToken, sha256 } from './crypto.ts'
import {
  db,
  isSessionActive,
  serverNow,
  type Provider,
  type SessionRecord,
  type UserRecord,
} from './db.ts'
import { clearedRefreshCookie, json, refreshCookie } from './http-helpers.ts'
import { problem } from './problem.ts'
import {
  makeRoomForSession,
  rememberRefreshToken,
  sweepEndedSessions,
} from './session-retention.ts'
import { passkeysOf } from './passkey-service.ts'
import { issueAccessToken } from './tokens.ts'

export type RefreshFailureCode =
  'refresh_missing' | 'refresh_invalid' | 'refresh_expired' | 'refresh_reused' | 'session_revoked'

const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** The public shape of a user (`User` in the contract). */
export function toUserDto(user: UserRecord) {
  const providers = Object.keys(user.linked)
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    providers: user.password ? ['password', ...providers] : providers,
    hasPassword: user.password !== null,
    passkeys: passkeysOf(user.id).length,
  }
}

/** The `amr` of a sign-in through this provider. */
function authMethodOf(provider: Provider): AuthMethod {
  if (provider === 'password') return 'pwd'
  return provider === 'passkey' ? 'passkey' : 'social'
}

/** Stores a new current refresh token of the session by its hash. */
function storeRefreshToken(session: SessionRecord, hash: string): void {
  db.refreshTokens.set(hash, {
    sessionId: session.id,
    rotatedAt: null,
    childHash: null,
    graceChild: null,
  })
  rememberRefreshToken(session, hash)
}

/** Without "keep me signed in", a session lasts at most this long. */
const BROWSER_SESSION_TTL_SEC = 12 * 60 * 60

export interface SignIn {
  user: UserRecord
  provider: Provider
  userAgent: string
  /** "Keep me signed in"; on unless the client says otherwise. */
  remember: boolean
  /** The refresh cookie the request carried, if any: its session is the one being replaced. */
  refreshCookie: string | undefined
}

/**
 * A new session (token family) for a sign-in, with its first refresh token. A sign-in from a
 * browser that still holds a valid refresh cookie replaces that cookie's session, which is
 * revoked so its refresh and access tokens stop working at once. Every way of signing in goes
 * through here, so none can leave the replaced session alive, and each one first forgets the
 * sessions that have ended and makes room under the user's cap (see `session-retention.ts`).
 */
export async function createSession(
  signIn: SignIn,
): Promise<{ session: SessionRecord; refreshToken: string }> {
  const { user, provider, userAgent, remember } = signIn
  const replaced = await currentSessionOfToken(signIn.refreshCookie)
  const refreshToken = randomToken()
  const refreshTokenHash = await sha256(refreshToken)
  // Nothing awaits from here on: the sweep and the cap see the sessions as they are stored.
  const now = serverNow()
  sweepEndedSessions(now)
  if (replaced) replaced.revoked = true
  makeRoomForSession(user.id, now)
  const lifetimeSec = remember
    ? db.config.refreshTokenTtlSec
    : Math.min(BROWSER_SESSION_TTL_SEC, db.config.refreshTokenTtlSec)
  const session: SessionRecord = {
    id: `s_${randomToken(12)}`,
    userId: user.id,
    provider,
    userAgent: userAgent.slice(0, 512),
    createdAt: now,
    authTime: now,
    authMethod: authMethodOf(provider),
    lastUsedAt: now,
    expiresAt: now + lifetimeSec * 1000,
    persistent: remember,
    revoked: false,
    refreshTokenHashes: [],
  }
  db.sessions.set(session.id, session)
  storeRefreshToken(session, refreshTokenHash)
  return { session, refreshToken }
}

/** The session whose current (not yet rotated) refresh token this is, if it is still active. */
async function currentSessionOfToken(raw: string | undefined): Promise<SessionRecord | null> {
  if (!raw || !REFRESH_TOKEN_PATTERN.test(raw)) return null
  const record = db.refreshTokens.get(await sha256(raw))
  const session = record && db.sessions.get(record.sessionId)
  return session && record.rotatedAt === null && isSessionActive(session) ? session : null
}

/** A refused refresh: its code, and for a revoked session why it was revoked, if that is told. */
export interface RefreshFailure {
  code: RefreshFailureCode
  reason?: RevocationReason
}

export type RotationResult =
  | { ok: true; session: SessionRecord; user: UserRecord; refreshToken: string }
  | ({ ok: false } & RefreshFailure)

/**
 * Exchanges a refresh token for its successor. A token that was already exchanged is reuse
 * (a sign of theft): the whole family is revoked, except inside the grace window, where the
 * same successor is handed out again so a retried request does not sign the user out.
 *
 * The mock is safe from races because nothing awaits between its checks and its writes in one
 * thread. A real server with a database must make the rotation one conditional write in a
 * transaction, e.g. `UPDATE refresh_tokens SET rotated_at = now(), child_hash = $2
 * WHERE hash = $1 AND rotated_at IS NULL`, inserting the child in the same transaction, and
 * treat "no row updated" as the token having been rotated already (reuse or grace), never read
 * the row first and write it in a second statement.
 */
export async function rotateRefreshToken(raw: string | undefined): Promise<RotationResult> {
  if (!raw) return { ok: false, code: 'refresh_missing' }
  if (!REFRESH_TOKEN_PATTERN.test(raw)) return { ok: false, code: 'refresh_invalid' }
  const hash = await sha256(raw)
  // The successor is prepared before the record is read, so nothing awaits between the checks
  // below and the rotation: two concurrent refreshes with one token cannot both rotate it.
  const refreshToken = randomToken()
  const refreshTokenHash = await sha256(refreshToken)
  const record = db.refreshTokens.get(hash)
  if (!record) return { ok: false, code: 'refresh_invalid' }
  const session = db.sessions.get(record.sessionId)
  const user = session && db.users.get(session.userId)
  if (!session || !user) return { ok: false, code: 'session_revoked' }
  if (session.revoked) {
    const reason = session.revocationReason
    return { ok: false, code: 'session_revoked', ...(reason && { reason }) }
  }

  const now = serverNow()
  const idleDeadline = session.lastUsedAt + db.config.refreshIdleTtlSec * 1000
  if (now >= session.expiresAt || now >= idleDeadline) {
    session.revoked = true
    return { ok: false, code: 'refresh_expired' }
  }

  if (record.rotatedAt !== null) {
    const child = record.childHash === null ? undefined : db.refreshTokens.get(record.childHash)
    const inGrace = now - record.rotatedAt <= db.config.refreshReuseGraceSec * 1000
    if (inGrace && record.graceChild !== null && child?.rotatedAt === null) {
      session.lastUsedAt = now
      return { ok: true, session, user, refreshToken: record.graceChild }
    }
    record.graceChild = null
    session.revoked = true
    db.stats.reuseDetections++
    return { ok: false, code: 'refresh_reused' }
  }

  storeRefreshToken(session, refreshTokenHash)
  record.rotatedAt = now
  record.childHash = refreshTokenHash
  record.graceChild = db.config.refreshReuseGraceSec > 0 ? refreshToken : null
  session.lastUsedAt = now
  return { ok: true, session, user, refreshToken }
}

/** Revokes the session a refresh token belongs to, rotated or not. */
export async function revokeSessionOfToken(raw: string | undefined): Promise<void> {
  if (!raw || !REFRESH_TOKEN_PATTERN.test(raw)) return
  const record = db.refreshTokens.get(await sha256(raw))
  const session = record && db.sessions.get(record.sessionId)
  if (session) session.revoked = true
}

/** The body of a token response: a new access token for the session, and who it is for. */
export async function tokenBody(user: UserRecord, session: SessionRecord) {
  return {
    accessToken: await issueAccessToken(user, session),
    tokenType: 'Bearer',
    expiresIn: db.config.accessTokenTtlSec,
    // The cookie's end, which script cannot read; rotation keeps it where sign-in put it.
    sessionExpiresAt: new Date(session.expiresAt).toISOString(),
    user: toUserDto(user),
  }
}

/** The token response shared by login, refresh and social sign-in, with the refresh cookie. */
export async function tokenResponse(
  user: UserRecord,
  session: SessionRecord,
  refreshToken: string,
) {
  const maxAge = Math.max(0, Math.ceil((session.expiresAt - serverNow()) / 1000))
  return json(await tokenBody(user, session), {
    headers: {
      'Set-Cookie': refreshCookie(refreshToken, session.persistent ? maxAge : null),
    },
  })
}

const REFRESH_FAILURE_TITLES: Record<RefreshFailureCode, string> = {
  refresh_missing: 'You are not signed in.',
  refresh_invalid: 'Your session is not valid. Please sign in again.',
  refresh_expired: 'Your session has expired. Please sign in again.',
  refresh_reused: 'Your session was ended for your protection. Please sign in again.',
  session_revoked: 'Your session was signed out. Please sign in again.',
}

/**
 * A definite refresh failure: 401 with the cookie cleared, so the browser stops sending it. A
 * revocation's `reason` travels as an extension member, so the device can say what happened.
 */
export function refreshFailure({ code, reason }: RefreshFailure) {
  return problem(401, code, REFRESH_FAILURE_TITLES[code], {
    headers: { 'Set-Cookie': clearedRefreshCookie },
    ...(reason && { members: { reason } }),
  })
}

/** Revokes a session, saying why when the device it ends on should be told. */
export function revokeSession(session: SessionRecord, reason?: RevocationReason): void {
  if (session.revoked) return
  session.revoked = true
  if (reason) session.revocationReason = reason
}
