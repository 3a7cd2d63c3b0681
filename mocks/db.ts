import type { AuthMethod } from '../contract/account.ts'
import type { RevocationReason } from '../contract/problem.ts'
import { hashPassword, type PasswordHash } from './crypto.ts'
import { defaultLabConfig, type LabConfig } from '../contract/lab.ts'
import type { SocialProvider } from '../contract/providers.ts'
import { newLoginFailures, newPasskeyLoginFailures } from './login-throttle.ts'
import { waitingPasskeyChallenges } from './passkey-challenges.ts'
import {
  exchangedCodes,
  issuedAuthorizationCodes,
  issuedProviderAccessTokens,
  pendingAuthorizationRequests,
  waitingLinkTokens,
} from './oauth-stores.ts'

/** The mock server's whole state. In memory, per host: one Node process, or one browser tab. */

/** How a session was signed in: its `provider` in the sessions list. */
export type Provider = 'password' | 'passkey' | SocialProvider

export interface UserRecord {
  id: string
  username: string
  displayName: string
  email: string
  emailVerified: boolean
  /** Pending while the hash is being computed; null for a user without a password. */
  password: Promise<PasswordHash> | null
  /** Provider name → the user's id at that provider. */
  linked: Partial<Record<Provider, string>>
}

export interface SessionRecord {
  id: string
  userId: string
  provider: Provider
  userAgent: string
  createdAt: number
  /**
   * When the user last proved who they are in this session (sign-in or re-authentication), in
   * milliseconds of the server clock, and how: the access tokens' `auth_time` and `amr`. A
   * refresh copies both unchanged.
   */
  authTime: number
  authMethod: AuthMethod
  lastUsedAt: number
  /** Absolute end of the session; rotation never moves it. */
  expiresAt: number
  /** False for "keep me signed in" off: the cookie is a browser-session cookie. */
  persistent: boolean
  revoked: boolean
  /** Why it was revoked, when that is worth telling the device it ends on. */
  revocationReason?: RevocationReason
  /**
   * The hashes of the session's refresh tokens that are still remembered, oldest first, the
   * current one last: what to forget with the session, or when its rotations pile up.
   */
  refreshTokenHashes: string[]
}

export interface RefreshTokenRecord {
  sessionId: string
  rotatedAt: number | null
  childHash: string | null
  /**
   * The raw successor, held only while a reuse grace window is open so that a retried refresh
   * can be answered with the same token instead of a new branch. Always null when grace is 0.
   * A real server must not keep a raw token, even briefly: it stores the successor encrypted
   * under a server key (or derives it again, as an HMAC of the parent under a server secret)
   * and only the hashes of tokens otherwise.
   */
  graceChild: string | null
}

/** A sign-in request the mock provider has checked and shown its consent page for. */
export interface AuthorizationRequestRecord {
  provider: SocialProvider
  clientId: string
  redirectUri: string
  state: string
  /** The PKCE S256 challenge; null at a provider without PKCE (Naver). */
  codeChallenge: string | null
  expiresAt: number
}

/** An authorization code at a mock provider, stored by its hash like a refresh token. */
export interface AuthorizationCodeRecord {
  provider: SocialProvider
  clientId: string
  redirectUri: string
  codeChallenge: string | null
  /** The provider account (its `sub`) that consented. */
  subject: string
  expiresAt: number
  usedAt: number | null
}

/** An access token a mock provider issued for a code, good for its user-info endpoint only. */
export interface ProviderAccessTokenRecord {
  provider: SocialProvider
  clientId: string
  subject: string
  /** The hash of the code it was issued for: presenting that code again revokes it. */
  codeHash: string
  expiresAt: number
  revoked: boolean
}

/** A code brought to Reel's backend: spent there, whatever the provider says of it. */
export interface ExchangedCodeRecord {
  /** The session it became; revoked if the code is ever presented again. */
  sessionId: string | null
  /** Presented again while its exchange was still running: that exchange then signs no one in. */
  replayed: boolean
}

/**
 * A `linkToken` of a `409 account_exists`: the provider identity that found an existing account
 * by its email, waiting for that account's owner to sign in and so link it.
 */
export interface LinkTokenRecord {
  /** The account the identity's email belongs to: only its sign-in may spend the token. */
  userId: string
  provider: SocialProvider
  /** The provider's id for the person. */
  subject: string
}

/** A passkey: a WebAuthn credential registered to a user, keyed by its credential id. */
export interface PasskeyRecord {
  /** The credential id, base64url: the `id` the API shows. */
  id: string
  userId: string
  name: string
  /** The COSE public key the registration carried. */
  publicKey: Uint8Array<ArrayBuffer>
  /** The authenticator's signature counter as last seen; 0 for one that keeps none (synced). */
  counter: number
  transports: string[]
  backedUp: boolean
  createdAt: number
  lastUsedAt: number | null
}

/** A WebAuthn challenge the server handed out, waiting for its one use. */
export interface PasskeyChallengeRecord {
  ceremony: 'registration' | 'authentication'
  /** Who asked for it: a registration is bound to its user; a sign-in's user is not known yet. */
  userId: string | null
}

export interface Stats {
  loginCalls: number
  refreshCalls: number
  refreshSucceeded: number
  reuseDetections: number
  rejectedAccessTokens: number
}

const seedHashes = new Map<string, Promise<PasswordHash>>()

/**
 * The seed users' hashes, computed once per host at full cost the first time the seed is built
 * (at start-up, in the background: nothing waits for them until a sign-in does), and shared by
 * every reset after.
 */
function seedPassword(password: string): Promise<PasswordHash> {
  let hash = seedHashes.get(password)
  if (!hash) {
    hash = hashPassword(password)
    seedHashes.set(password, hash)
  }
  return hash
}

function seedUsers(): Map<string, UserRecord> {
  const users: UserRecord[] = [
    {
      id: 'u_demo',
      username: 'demo',
      displayName: 'Demo Viewer',
      email: 'demo@reel.example',
      emailVerified: true,
      password: seedPassword('demo-password-1'),
      linked: {},
    },
    {
      id: 'u_alice',
      username: 'alice',
      displayName: 'Alice Kim',
      email: 'alice@reel.example',
      emailVerified: true,
      password: seedPassword('alice-password-1'),
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
    /** Recent failed sign-ins per username and client address, for throttling. */
    loginFailures: newLoginFailures(),
    /** The mock providers' pending consent pages, by their random id. */
    authorizationRequests: pendingAuthorizationRequests(),
    /** Keyed by the SHA-256 of the code; the raw code is never stored. */
    authorizationCodes: issuedAuthorizationCodes(),
    /** The mock providers' access tokens, keyed by their SHA-256. */
    providerAccessTokens: issuedProviderAccessTokens(),
    /** Reel's own memory of the codes brought to it, keyed by their SHA-256. */
    exchangedCodes: exchangedCodes(),
    /** Link tokens waiting for a sign-in, keyed by their SHA-256; they follow the lab's clock. */
    linkTokens: waitingLinkTokens(serverNow),
    /** Passkeys by credential id. */
    passkeys: new Map<string, PasskeyRecord>(),
    /** Each user's WebAuthn user handle: random, so the authenticator learns nothing of them. */
    passkeyUserHandles: new Map<string, string>(),
    /** WebAuthn challenges by their value; they follow the lab's clock. */
    passkeyChallenges: waitingPasskeyChallenges(serverNow),
    /** Recent failed passkey sign-ins per client address, for throttling. */
    passkeyLoginFailures: newPasskeyLoginFailures(),
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

export function findUserByProviderId(provider: SocialProvider, subject: string): UserRecord | null {
  for (const user of db.users.values()) if (user.linked[provider] === subject) return user
  return null
}

/** The user whose email this is (case-insensitively), verified or not, if any. */
export function findUserByEmail(email: string): UserRecord | null {
  const wanted = email.toLowerCase()
  for (const user of db.users.values()) if (user.email.toLowerCase() === wanted) return user
  return null
}
