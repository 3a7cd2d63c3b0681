import { randomToken, sha256, timingSafeEqual } from '../backend/crypto.ts'
import type { SocialProvider } from '../../contract/providers.ts'
import { oauthClients } from './seed.ts'
import {
  AUTHORIZATION_REQUEST_TTL_SEC,
  CODE_TTL_SEC,
  PROVIDER_ACCESS_TOKEN_TTL_SEC,
  providerNow,
  providerState,
  type AuthorizationCodeRecord,
  type AuthorizationRequestRecord,
  type ProviderAccessTokenRecord,
} from './state.ts'

/**
 * The mock providers' authorization server: pending consent pages, authorization codes and the
 * access tokens they are exchanged for. What Reel's backend does with them is elsewhere.
 */

/** RFC 7636: 43 to 128 unreserved characters. */
const VERIFIER_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/

/** Remembers a checked authorization request until the person answers its consent page. */
export function storeAuthorizationRequest(
  request: Omit<AuthorizationRequestRecord, 'expiresAt'>,
): string {
  const id = randomToken()
  providerState.authorizationRequests.set(id, {
    ...request,
    expiresAt: providerNow() + AUTHORIZATION_REQUEST_TTL_SEC * 1000,
  })
  return id
}

/** Takes a pending request out for good: a consent page can be answered once. */
export function takeAuthorizationRequest(
  id: string,
  provider: SocialProvider,
): AuthorizationRequestRecord | null {
  const request = providerState.authorizationRequests.get(id)
  if (!request || request.provider !== provider) return null
  providerState.authorizationRequests.delete(id)
  return providerNow() < request.expiresAt ? request : null
}

/** A new single-use code for the account that consented, bound to everything it was asked with. */
export async function issueAuthorizationCode(
  request: AuthorizationRequestRecord,
  subject: string,
): Promise<string> {
  const code = randomToken()
  providerState.authorizationCodes.set(await sha256(code), {
    provider: request.provider,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    subject,
    expiresAt: providerNow() + CODE_TTL_SEC * 1000,
    usedAt: null,
  })
  return code
}

/** A token request's parameters, as the provider's token endpoint read them (null: absent). */
export interface TokenRequest {
  provider: SocialProvider
  clientId: string
  clientSecret: string | null
  code: string
  /** Null at Naver, whose token request has no redirect URI. */
  redirectUri: string | null
  codeVerifier: string | null
}

/** The RFC 6749 §5.2 error a refusal is, and what it says. */
export type TokenRefusal = {
  error: 'invalid_client' | 'invalid_grant' | 'redirect_uri_mismatch'
  description: string
}

export type RedemptionResult =
  | { ok: true; accessToken: string; record: AuthorizationCodeRecord }
  | ({ ok: false } & TokenRefusal)

const refuse = (error: TokenRefusal['error'], description: string) =>
  ({ ok: false, error, description }) as const

/**
 * The token endpoint's rules for `grant_type=authorization_code`. The client authenticates
 * first; then the code is spent by the first exchange that names it, whatever the outcome, so a
 * stolen code cannot be retried; one presented again also revokes the access tokens it was
 * exchanged for (RFC 6749 §4.1.2). A code is known only to the provider that issued it.
 */
export async function redeemAuthorizationCode(request: TokenRequest): Promise<RedemptionResult> {
  const client = oauthClients.get(request.clientId)
  if (!client) return refuse('invalid_client', 'The client is not registered.')
  if (request.clientSecret !== null && !timingSafeEqual(request.clientSecret, client.secret)) {
    return refuse('invalid_client', 'The client secret is wrong.')
  }
  const hash = await sha256(request.code)
  const challenge = request.codeVerifier === null ? null : await sha256(request.codeVerifier)
  const accessToken = randomToken()
  const accessTokenHash = await sha256(accessToken)
  // Nothing awaits from the lookup to marking the code used: two concurrent exchanges of one code
  // cannot both pass.
  const record = providerState.authorizationCodes.get(hash)
  if (!record || record.provider !== request.provider) {
    return refuse('invalid_grant', 'The authorization code is not known.')
  }
  const now = providerNow()
  if (record.usedAt !== null) {
    for (const token of providerState.providerAccessTokens.values()) {
      if (token.codeHash === hash) token.revoked = true
    }
    return refuse('invalid_grant', 'The authorization code was already used.')
  }
  record.usedAt = now
  if (now >= record.expiresAt) return refuse('invalid_grant', 'The authorization code has expired.')
  if (record.clientId !== request.clientId) {
    return refuse('invalid_grant', 'The authorization code was issued to another client.')
  }
  if (request.redirectUri !== null && record.redirectUri !== request.redirectUri) {
    return refuse(
      'redirect_uri_mismatch',
      'The redirect URI is not the one the code was issued for.',
    )
  }
  if (
    record.codeChallenge !== null &&
    (request.codeVerifier === null ||
      challenge === null ||
      !VERIFIER_PATTERN.test(request.codeVerifier) ||
      !timingSafeEqual(challenge, record.codeChallenge))
  ) {
    return refuse('invalid_grant', 'The code verifier does not match the code challenge.')
  }
  providerState.providerAccessTokens.set(accessTokenHash, {
    provider: record.provider,
    clientId: record.clientId,
    subject: record.subject,
    codeHash: hash,
    expiresAt: now + PROVIDER_ACCESS_TOKEN_TTL_SEC[record.provider] * 1000,
    revoked: false,
  })
  return { ok: true, accessToken, record }
}

/** The live access token of this provider that `raw` is, if any. */
export async function findProviderAccessToken(
  provider: SocialProvider,
  raw: string,
): Promise<ProviderAccessTokenRecord | null> {
  const record = providerState.providerAccessTokens.get(await sha256(raw))
  if (!record || record.provider !== provider || record.revoked) return null
  return providerNow() < record.expiresAt ? record : null
}

/**
 * Origins besides the provider's own on which a client's callback path is a registered redirect
 * URI. Mounted under the mock backend the app shares the provider's origin, so this stays empty;
 * the standalone providers server fills it with the app origins it is told about.
 */
export const registeredAppOrigins = new Set<string>()

/** Whether `redirectUri` is exactly one the client registered, as seen from `providerOrigin`. */
export function isRegisteredRedirectUri(
  redirectUri: string,
  callbackPath: string,
  providerOrigin: string,
): boolean {
  return [providerOrigin, ...registeredAppOrigins].some(
    (origin) => redirectUri === `${origin}${callbackPath}`,
  )
}
