import { http } from 'msw'
import { codeExchangeSchema } from '../../../contract/auth.ts'
import { SOCIAL_PROVIDERS, type SocialProvider } from '../../../contract/providers.ts'
import { sha256 } from '../crypto.ts'
import { db, type ExchangedCodeRecord } from '../db.ts'
import { json, parseJsonBody, REFRESH_COOKIE } from '../http-helpers.ts'
import { isSocialProvider, providerProfiles, REEL_CLIENT_ID } from '../../providers/seed.ts'
import { notFound, problem, validationFailed } from '../problem.ts'
import { signInAtProvider, type ProviderIdentity } from '../provider-client.ts'
import { providerEndpoint } from '../provider-transport.ts'
import { createSession, tokenResponse } from '../session-service.ts'
import { issueLinkToken } from '../link-tokens.ts'
import { resolveUser } from '../social-users.ts'

const SIGN_IN_FAILED = 'The sign-in could not be completed. Please try again.'

const CODE_USED = 'The authorization code was already used.'

const invalidGrant = (detail: string) => problem(400, 'invalid_grant', SIGN_IN_FAILED, { detail })

/**
 * Spends a code brought to Reel and asks its provider whose it is: the provider identity, or the
 * refusal to answer with. Sign-in and linking both go through here, so a code is spent once
 * whichever of them it is brought to.
 */
export async function identityOfCode(
  provider: SocialProvider,
  grant: { code: string; codeVerifier?: string | undefined; redirectUri: string },
  origin: string,
): Promise<
  | { ok: true; identity: ProviderIdentity; exchange: ExchangedCodeRecord }
  | { ok: false; response: Response }
> {
  const { code, codeVerifier, redirectUri } = grant
  const { pkce } = providerProfiles[provider]
  if (pkce && codeVerifier === undefined) {
    const response = validationFailed(`codeVerifier: required for ${provider}, which uses PKCE.`)
    return { ok: false, response }
  }
  // A code brought here twice is stolen or replayed: neither presentation signs anyone in, and
  // the session it already became ends. Recorded before the provider is asked, so a concurrent
  // replay is caught too.
  const codeHash = await sha256(code)
  const earlier = db.exchangedCodes.get(codeHash)
  if (earlier) {
    earlier.replayed = true
    const session = earlier.sessionId === null ? undefined : db.sessions.get(earlier.sessionId)
    if (session) session.revoked = true
    return { ok: false, response: invalidGrant(CODE_USED) }
  }
  const exchange: ExchangedCodeRecord = { sessionId: null, replayed: false }
  db.exchangedCodes.set(codeHash, exchange)
  const signedIn = await signInAtProvider(
    { provider, code, codeVerifier: pkce ? (codeVerifier ?? null) : null, redirectUri },
    origin,
  )
  if (!signedIn.ok) {
    const response =
      signedIn.reason === 'rejected'
        ? invalidGrant(signedIn.detail)
        : problem(
            502,
            'provider_unavailable',
            'The sign-in service is not answering. Please try again later.',
            { detail: signedIn.detail },
          )
    return { ok: false, response }
  }
  if (exchange.replayed) return { ok: false, response: invalidGrant(CODE_USED) }
  return { ok: true, identity: signedIn.identity, exchange }
}

/**
 * Reel's side of social sign-in (under `/api/auth`, so the CSRF pre-handler in auth.ts has
 * already run): which providers it offers, and the exchange of a code the SPA brings back.
 */
export const oauthHandlers = [
  http.get('/api/auth/providers', ({ request }) => {
    const origin = new URL(request.url).origin
    return json(
      SOCIAL_PROVIDERS.map((id) => {
        // Relative when the providers are this host's own, absolute when they live elsewhere.
        const authorizeUrl = providerEndpoint(id, 'authorize', origin)
        return {
          id,
          name: providerProfiles[id].name,
          authorizeUrl: authorizeUrl.startsWith(`${origin}/`)
            ? authorizeUrl.slice(origin.length)
            : authorizeUrl,
          clientId: REEL_CLIENT_ID,
          scope: providerProfiles[id].scope,
          pkce: providerProfiles[id].pkce,
        }
      }),
    )
  }),

  http.post<{ provider: string }>('/api/auth/oauth/:provider', async (info) => {
    const { request, params, cookies } = info
    const { provider } = params
    if (!isSocialProvider(provider)) return notFound('There is no such sign-in provider.')
    const parsed = await parseJsonBody(request, codeExchangeSchema)
    if (!parsed.ok) return parsed.response
    const { remember } = parsed.data
    const signedIn = await identityOfCode(provider, parsed.data, new URL(request.url).origin)
    if (!signedIn.ok) return signedIn.response
    const { identity, exchange } = signedIn
    const resolution = resolveUser(identity)
    if (resolution.kind === 'email-taken') {
      const linkToken = await issueLinkToken(resolution.owner, identity)
      return problem(
        409,
        'account_exists',
        'An account with this email already exists. Sign in to it to link this provider.',
        { members: { linkToken, provider, email: identity.email } },
      )
    }
    const { user } = resolution
    const { session, refreshToken } = await createSession({
      user,
      provider,
      userAgent: request.headers.get('User-Agent') ?? '',
      remember,
      refreshCookie: cookies[REFRESH_COOKIE],
    })
    exchange.sessionId = session.id
    if (exchange.replayed) {
      session.revoked = true
      return invalidGrant(CODE_USED)
    }
    return tokenResponse(user, session, refreshToken)
  }),
]
