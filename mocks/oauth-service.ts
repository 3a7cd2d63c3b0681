import { randomToken, sha256, timingSafeEqual } from './crypto.ts'
import {
  db,
  findUserByProviderId,
  findUserByVerifiedEmail,
  serverNow,
  type AuthorizationCodeRecord,
  type AuthorizationRequestRecord,
  type SocialProvider,
  type UserRecord,
} from './db.ts'
import { REEL_CLIENT_ID, type ProviderAccount } from './oauth-provider-seed.ts'

/** How long a code may wait for its exchange (RFC 6749 recommends at most 10 minutes). */
export const CODE_TTL_SEC = 60
/** How long the consent page may stay open before its answer is refused. */
export const AUTHORIZATION_REQUEST_TTL_SEC = 10 * 60

/** RFC 7636: 43 to 128 unreserved characters. */
const VERIFIER_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/

/** Remembers a checked authorization request until the person answers its consent page. */
export function storeAuthorizationRequest(
  request: Omit<AuthorizationRequestRecord, 'expiresAt'>,
): string {
  const id = randomToken()
  db.authorizationRequests.set(id, {
    ...request,
    expiresAt: serverNow() + AUTHORIZATION_REQUEST_TTL_SEC * 1000,
  })
  return id
}

/** Takes a pending request out for good: a consent page can be answered once. */
export function takeAuthorizationRequest(
  id: string,
  provider: SocialProvider,
): AuthorizationRequestRecord | null {
  const request = db.authorizationRequests.get(id)
  if (!request || request.provider !== provider) return null
  db.authorizationRequests.delete(id)
  return serverNow() < request.expiresAt ? request : null
}

/** A new single-use code for the account that consented, bound to everything it was asked with. */
export async function issueAuthorizationCode(
  request: AuthorizationRequestRecord,
  subject: string,
): Promise<string> {
  const code = randomToken()
  db.authorizationCodes.set(await sha256(code), {
    provider: request.provider,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    subject,
    expiresAt: serverNow() + CODE_TTL_SEC * 1000,
    usedAt: null,
    sessionId: null,
  })
  return code
}

export interface CodeExchange {
  provider: SocialProvider
  code: string
  codeVerifier: string
  redirectUri: string
}

export type RedemptionResult =
  { ok: true; record: AuthorizationCodeRecord } | { ok: false; detail: string }

/**
 * Checks a code as Reel's backend would exchange it at the provider's token endpoint. Every
 * refusal is `invalid_grant`; the detail says which rule failed. A code is spent by the first
 * exchange that names it, whatever the outcome, so a stolen code cannot be retried; one presented
 * again also revokes the session it was exchanged for (RFC 6749 §4.1.2).
 */
export async function redeemAuthorizationCode(exchange: CodeExchange): Promise<RedemptionResult> {
  const hash = await sha256(exchange.code)
  const challenge = await sha256(exchange.codeVerifier)
  // Nothing awaits from the lookup to marking the code used: two concurrent exchanges of one code
  // cannot both pass.
  const record = db.authorizationCodes.get(hash)
  if (!record) return { ok: false, detail: 'The authorization code is not known.' }
  const now = serverNow()
  if (record.usedAt !== null) {
    const session = record.sessionId === null ? undefined : db.sessions.get(record.sessionId)
    if (session) session.revoked = true
    return { ok: false, detail: 'The authorization code was already used.' }
  }
  record.usedAt = now
  if (now >= record.expiresAt) return { ok: false, detail: 'The authorization code has expired.' }
  if (record.provider !== exchange.provider) {
    return { ok: false, detail: 'The authorization code was issued by another provider.' }
  }
  if (record.clientId !== REEL_CLIENT_ID) {
    return { ok: false, detail: 'The authorization code was issued to another client.' }
  }
  if (record.redirectUri !== exchange.redirectUri) {
    return { ok: false, detail: 'The redirect URI is not the one the code was issued for.' }
  }
  if (
    !VERIFIER_PATTERN.test(exchange.codeVerifier) ||
    !timingSafeEqual(challenge, record.codeChallenge)
  ) {
    return { ok: false, detail: 'The code verifier does not match the code challenge.' }
  }
  return { ok: true, record }
}

/**
 * The Reel user for a provider account: the one already linked to it; else the one whose verified
 * email it shares, if the provider verified that email too (linking it); else a new user.
 */
export function resolveUser(provider: SocialProvider, account: ProviderAccount): UserRecord {
  const linked = findUserByProviderId(provider, account.subject)
  if (linked) return linked
  const byEmail = account.emailVerified ? findUserByVerifiedEmail(account.email) : null
  if (byEmail) {
    byEmail.linked[provider] = account.subject
    return byEmail
  }
  const user: UserRecord = {
    id: `u_${randomToken(9)}`,
    username: `${provider}-${account.subject}`,
    displayName: account.name,
    email: account.email,
    emailVerified: account.emailVerified,
    password: null,
    linked: { [provider]: account.subject },
  }
  db.users.set(user.id, user)
  return user
}
