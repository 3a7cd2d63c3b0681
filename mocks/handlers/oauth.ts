import { http, HttpResponse } from 'msw'
import { z } from 'zod'
import type { SocialProvider } from '../db.ts'
import { REFRESH_COOKIE, parseJsonBody } from '../http-helpers.ts'
import { consentPage, errorPage } from '../oauth-pages.ts'
import {
  findProviderAccount,
  isSocialProvider,
  oauthClients,
  providerAccounts,
} from '../oauth-provider-seed.ts'
import {
  issueAuthorizationCode,
  redeemAuthorizationCode,
  resolveUser,
  storeAuthorizationRequest,
  takeAuthorizationRequest,
} from '../oauth-service.ts'
import { notFound, problem } from '../problem.ts'
import { createSession, tokenResponse } from '../session-service.ts'

const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
] as const

/** An S256 challenge is the base64url of 32 bytes: exactly 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/

type Refusal = { error: string; message: string }
type AuthorizeCheck =
  | { ok: true; clientId: string; redirectUri: string; state: string; codeChallenge: string }
  | ({ ok: false } & Refusal)

/**
 * The authorization request's rules, in the order a careful provider checks them: who is asking
 * and where the answer goes first, since until both are known nothing may be redirected.
 */
function checkAuthorizeRequest(url: URL, provider: SocialProvider): AuthorizeCheck {
  const refuse = (error: string, message: string) => ({ ok: false as const, error, message })
  const params = url.searchParams
  const repeated = AUTHORIZE_PARAMS.find((name) => params.getAll(name).length > 1)
  if (repeated) return refuse('invalid_request', `The parameter ${repeated} is repeated.`)
  const clientId = params.get('client_id') ?? ''
  const client = oauthClients.get(clientId)
  if (!client) return refuse('invalid_client', 'This app is not registered with the provider.')
  const redirectUri = params.get('redirect_uri') ?? ''
  if (redirectUri !== `${url.origin}${client.callbackPath(provider)}`) {
    return refuse(
      'invalid_redirect_uri',
      'The redirect_uri is not exactly the one registered for this app.',
    )
  }
  if (params.get('response_type') !== 'code') {
    return refuse('unsupported_response_type', 'Only response_type=code is supported.')
  }
  const state = params.get('state') ?? ''
  if (state.length === 0 || state.length > 512) {
    return refuse('invalid_request', 'A state of 1 to 512 characters is required.')
  }
  if (params.get('code_challenge_method') !== 'S256') {
    return refuse('invalid_request', 'PKCE is required with code_challenge_method=S256.')
  }
  const codeChallenge = params.get('code_challenge') ?? ''
  if (!S256_CHALLENGE.test(codeChallenge)) {
    return refuse('invalid_request', 'A code_challenge of 43 base64url characters is required.')
  }
  return { ok: true, clientId, redirectUri, state, codeChallenge }
}

const consentSchema = z.object({
  request: z.string().min(1).max(64),
  decision: z.enum(['allow', 'deny']),
  account: z.string().max(64).optional(),
})

/** The redirect back to the app, with the answer in the query (RFC 6749 §4.1.2). */
function redirectBack(redirectUri: string, params: Record<string, string>) {
  const location = new URL(redirectUri)
  for (const [name, value] of Object.entries(params)) location.searchParams.set(name, value)
  return new HttpResponse(null, {
    status: 302,
    headers: {
      Location: location.href,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    },
  })
}

const exchangeSchema = z.object({
  code: z.string().min(1).max(512),
  codeVerifier: z.string().min(1).max(512),
  redirectUri: z.string().min(1).max(2048),
  remember: z.boolean().default(true),
})

/**
 * The mock providers (authorize and consent, HTML for a browser) and Reel's own code exchange
 * (JSON, under `/api/auth`, so the CSRF pre-handler in auth.ts has already run).
 */
export const oauthHandlers = [
  http.get<{ provider: string }>('/api/oauth/:provider/authorize', ({ request, params }) => {
    const { provider } = params
    if (!isSocialProvider(provider)) {
      return errorPage(null, 404, 'not_found', 'There is no such sign-in provider.')
    }
    const checked = checkAuthorizeRequest(new URL(request.url), provider)
    if (!checked.ok) return errorPage(provider, 400, checked.error, checked.message)
    const { clientId, ...rest } = checked
    const requestId = storeAuthorizationRequest({ provider, clientId, ...rest })
    return consentPage({
      provider,
      clientName: oauthClients.get(clientId)?.name ?? clientId,
      requestId,
      accounts: providerAccounts[provider],
    })
  }),

  http.post<{ provider: string }>('/api/oauth/:provider/consent', async ({ request, params }) => {
    const { provider } = params
    if (!isSocialProvider(provider)) {
      return errorPage(null, 404, 'not_found', 'There is no such sign-in provider.')
    }
    const form = consentSchema.safeParse(
      Object.fromEntries(new URLSearchParams(await request.text())),
    )
    const expired = () =>
      errorPage(
        provider,
        400,
        'invalid_request',
        'This sign-in request has expired or was already answered. Go back to the app and start again.',
      )
    if (!form.success) return expired()
    const pending = takeAuthorizationRequest(form.data.request, provider)
    if (!pending) return expired()
    if (form.data.decision === 'deny') {
      return redirectBack(pending.redirectUri, { error: 'access_denied', state: pending.state })
    }
    const account = findProviderAccount(provider, form.data.account ?? '')
    if (!account) return errorPage(provider, 400, 'invalid_request', 'No such account here.')
    const code = await issueAuthorizationCode(pending, account.subject)
    return redirectBack(pending.redirectUri, { code, state: pending.state })
  }),

  http.post<{ provider: string }>('/api/auth/oauth/:provider', async (info) => {
    const { request, params, cookies } = info
    const { provider } = params
    if (!isSocialProvider(provider)) return notFound('There is no such sign-in provider.')
    const parsed = await parseJsonBody(request, exchangeSchema)
    if (!parsed.ok) return parsed.response
    const { remember, ...exchange } = parsed.data
    const redeemed = await redeemAuthorizationCode({ provider, ...exchange })
    const account = redeemed.ok && findProviderAccount(provider, redeemed.record.subject)
    if (!redeemed.ok || !account) {
      return problem(
        400,
        'invalid_grant',
        'The sign-in could not be completed. Please try again.',
        {
          detail: redeemed.ok ? 'The provider account no longer exists.' : redeemed.detail,
        },
      )
    }
    const user = resolveUser(provider, account)
    const { session, refreshToken } = await createSession({
      user,
      provider,
      userAgent: request.headers.get('User-Agent') ?? '',
      remember,
      refreshCookie: cookies[REFRESH_COOKIE],
    })
    redeemed.record.sessionId = session.id
    return tokenResponse(user, session, refreshToken)
  }),
]
