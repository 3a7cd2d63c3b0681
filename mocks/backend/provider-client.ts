import { z } from 'zod'
import { randomToken } from './crypto.ts'
import type { SocialProvider } from '../../contract/providers.ts'
import { REEL_CLIENT_ID, REEL_CLIENT_SECRET } from '../providers/seed.ts'
import { callProvider, providerEndpoint } from './provider-transport.ts'

/**
 * Reel's backend as a client of the providers: it exchanges the code at the provider's token
 * endpoint and asks its user-info endpoint who signed in, server to server, with Reel's client
 * secret. Nothing a provider answers is trusted before it is parsed.
 */

/** Who signed in at a provider, as Reel reads its user info. */
export interface ProviderIdentity {
  provider: SocialProvider
  /** The provider's stable id for the person. */
  subject: string
  name: string
  email: string
  /** True only when the provider attests the email belongs to this person. */
  emailVerified: boolean
}

export interface CodeExchange {
  provider: SocialProvider
  code: string
  /** Null for a provider without PKCE. */
  codeVerifier: string | null
  redirectUri: string
}

/**
 * `rejected`: the provider refused the code (any error it names: the code, the verifier, the
 * redirect URI) or the access token it had just issued; `unavailable`: it could not be asked,
 * failed (5xx), or answered nonsense.
 */
export type ProviderSignIn =
  | { ok: true; identity: ProviderIdentity }
  | { ok: false; reason: 'rejected' | 'unavailable'; detail: string }

/** How long a provider may take to answer before it counts as unavailable. */
const PROVIDER_TIMEOUT_MS = 5000

/** The token request's form, as each provider's documentation lists its parameters. */
function tokenRequestForm({ provider, code, codeVerifier, redirectUri }: CodeExchange) {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: REEL_CLIENT_ID,
    client_secret: REEL_CLIENT_SECRET,
    code,
  })
  if (provider === 'naver') {
    // Naver requires a state here, and the contract does not hand the callback's to the backend
    // (the SPA has already checked it): any fresh value serves.
    form.set('state', randomToken(16))
  } else {
    form.set('redirect_uri', redirectUri)
  }
  if (codeVerifier !== null) form.set('code_verifier', codeVerifier)
  return form
}

/** An RFC 6749 §5.2 error body; Naver sends it with status 200. */
const tokenErrorSchema = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().optional(),
})

const tokenSuccessSchema = z.looseObject({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().regex(/^bearer$/i),
})

const googleUserSchema = z.looseObject({
  sub: z.string().min(1).max(255),
  name: z.string().max(256),
  email: z.string().min(1).max(320),
  email_verified: z.boolean(),
})

const kakaoUserSchema = z.looseObject({
  id: z.number().int().positive(),
  kakao_account: z.looseObject({
    profile: z.looseObject({ nickname: z.string().max(256) }),
    email: z.string().min(1).max(320),
    is_email_valid: z.boolean(),
    is_email_verified: z.boolean(),
  }),
})

const naverUserSchema = z.looseObject({
  resultcode: z.literal('00'),
  response: z.looseObject({
    id: z.string().min(1).max(255),
    name: z.string().max(256).optional(),
    nickname: z.string().max(256).optional(),
    email: z.string().min(1).max(320),
  }),
})

/** Each provider's user-info body, read into one account shape. */
const userInfoReaders: {
  [P in SocialProvider]: (body: unknown) => (ProviderIdentity & { provider: P }) | null
} = {
  google: (body) => {
    const user = googleUserSchema.safeParse(body).data
    return user
      ? {
          provider: 'google',
          subject: user.sub,
          name: user.name,
          email: user.email,
          emailVerified: user.email_verified,
        }
      : null
  },
  kakao: (body) => {
    const user = kakaoUserSchema.safeParse(body).data
    if (!user) return null
    const account = user.kakao_account
    return {
      provider: 'kakao',
      subject: String(user.id),
      name: account.profile.nickname,
      email: account.email,
      // Kakao's own advice: an email is usable only when it is both verified and still valid.
      emailVerified: account.is_email_verified && account.is_email_valid,
    }
  },
  naver: (body) => {
    const user = naverUserSchema.safeParse(body).data?.response
    return user
      ? {
          provider: 'naver',
          subject: user.id,
          name: user.name ?? user.nickname ?? '',
          email: user.email,
          // Naver's profile carries no verification flag, so nothing vouches for the address.
          emailVerified: false,
        }
      : null
  },
}

type Answer = { ok: true; status: number; body: unknown } | { ok: false; detail: string }

/** One call to a provider: its status and JSON body, or why there is none. */
async function ask(request: Request): Promise<Answer> {
  try {
    const response = await callProvider(request)
    const text = await response.text()
    if (response.status >= 500) return { ok: false, detail: `It answered ${response.status}.` }
    try {
      return { ok: true, status: response.status, body: JSON.parse(text) }
    } catch {
      return { ok: false, detail: `It answered ${response.status} without JSON.` }
    }
  } catch (error) {
    return { ok: false, detail: `It could not be reached (${String(error)}).` }
  }
}

const unavailable = (provider: SocialProvider, detail: string): ProviderSignIn => ({
  ok: false,
  reason: 'unavailable',
  detail: `The ${provider} sign-in service failed. ${detail}`,
})

/**
 * Exchanges a code at its provider and reads who signed in: the token request, then the
 * user-info request with the provider's access token.
 */
export async function signInAtProvider(
  exchange: CodeExchange,
  requestOrigin: string,
): Promise<ProviderSignIn> {
  const { provider } = exchange
  const tokenAnswer = await ask(
    new Request(providerEndpoint(provider, 'token', requestOrigin), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: tokenRequestForm(exchange),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    }),
  )
  if (!tokenAnswer.ok) return unavailable(provider, tokenAnswer.detail)
  const refused = tokenErrorSchema.safeParse(tokenAnswer.body).data
  if (refused) {
    return { ok: false, reason: 'rejected', detail: refused.error_description ?? refused.error }
  }
  const token = tokenSuccessSchema.safeParse(tokenAnswer.body).data
  if (tokenAnswer.status !== 200 || !token) {
    return unavailable(provider, `Its token response was not one (${tokenAnswer.status}).`)
  }

  const userAnswer = await ask(
    new Request(providerEndpoint(provider, 'userinfo', requestOrigin), {
      headers: { Authorization: `Bearer ${token.access_token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    }),
  )
  if (!userAnswer.ok) return unavailable(provider, userAnswer.detail)
  // A token refused as soon as it was issued was revoked: its code was presented again.
  if (userAnswer.status === 401) {
    return { ok: false, reason: 'rejected', detail: 'The provider revoked its access token.' }
  }
  const identity = userAnswer.status === 200 ? userInfoReaders[provider](userAnswer.body) : null
  if (!identity) {
    return unavailable(provider, `Its user info was not usable (${userAnswer.status}).`)
  }
  return { ok: true, identity }
}
