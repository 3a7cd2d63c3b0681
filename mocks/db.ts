import type { PasswordHash } from './crypto.ts'
import { defaultLabConfig, type LabConfig } from './lab-config.ts'

/** The mock server's whole state. In memory, per host: one Node process, or one browser tab. */

export type Provider = 'password' | 'google' | 'kakao' | 'naver'

export interface UserRecord {
  id: string
  username: string
  displayName: string
  email: string
  emailVerified: boolean
  password: PasswordHash | null
  /** Provider name → the user's id at that provider. */
  linked: Partial<Record<Provider, string>>
}

export interface SessionRecord {
  id: string
  userId: string
  provider: Provider
  userAgent: string
  createdAt: number
  lastUsedAt: number
  /** Absolute end of the session; rotation never moves it. */
  expiresAt: number
  revoked: boolean
}

export interface RefreshTokenRecord {
  sessionId: string
  rotatedAt: number | null
  childHash: string | null
  /**
   * The raw successor, held only while a reuse grace window is open so that a retried refresh
   * can be answered with the same token instead of a new branch. Always null when grace is 0.
   */
  graceChild: string | null
}

export interface Stats {
  loginCalls: number
  refreshCalls: number
  refreshSucceeded: number
  reuseDetections: number
  rejectedAccessTokens: number
}

function seedUsers(): Map<string, UserRecord> {
  const users: UserRecord[] = [
    {
      id: 'u_demo',
      username: 'demo',
      displayName: 'Demo Viewer',
      email: 'demo@reel.example',
      emailVerified: true,
      password: {
        salt: 'spB7_fcipDB9OvLZtFSNUw',
        hash: 'H0RgxY-LiyITwg5sAap3awoEzQCDU-PDMnNxdAp2wPU',
      },
      linked: {},
    },
    {
      id: 'u_alice',
      username: 'alice',
      displayName: 'Alice Kim',
      email: 'alice@reel.example',
      emailVerified: true,
      password: {
        salt: 'zR2V2oAPjHzsXmef-xjgcw',
        hash: 'ype1tuDAzjFyZgwH2mkrWg7ywZYJkXClOtPL8GzaMDo',
      },
      linked: {},
    },
  ]
  return new Map(users.map((user) => [user.id, user]))
}

function freshState() {
  return {
    config: { ...defaultLabConfig } as LabConfig,
    stats: {
      loginCalls: 0,
      refreshCalls: 0,
      refreshSucceeded: 0,
      reuseDetections: 0,
      rejectedAccessTokens: 0,
    } satisfies Stats as Stats,
    users: seedUsers(),
    sessions: new Map<string, SessionRecord>(),
    /** Keyed by the SHA-256 of the token; the raw token is never stored. */
    refreshTokens: new Map<string, RefreshTokenRecord>(),
    watchlists: new Map<string, string[]>([['u_demo', ['parasite-2019', 'spirited-away-2001']]]),
    /** Username → times of recent failed sign-ins, for throttling. */
    loginFailures: new Map<string, number[]>(),
  }
}

export const db = freshState()

/** Config to defaults, counters to zero, every session revoked, seed data restored. */
export function resetDb(): void {
  Object.assign(db, freshState())
}

/** The server's clock in milliseconds, shifted by the lab's skew setting. */
export function serverNow(): number {
  return Date.now() + db.config.serverClockSkewSec * 1000
}

/** Not revoked, within its absolute lifetime, and refreshed within the idle timeout. */
export function isSessionActive(session: SessionRecord, now = serverNow()): boolean {
  const idleDeadline = session.lastUsedAt + db.config.refreshIdleTtlSec * 1000
  return !session.revoked && now < session.expiresAt && now < idleDeadline
}

export function findUserByUsername(username: string): UserRecord | null {
  for (const user of db.users.values()) if (user.username === username) return user
  return null
}
