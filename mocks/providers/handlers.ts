import { http, HttpResponse } from 'msw'
import { z } from 'zod'
import type { SocialProvider } from '../../contract/providers.ts'
import { consentPage, errorPage, pageLanguage, type PageLanguage } from './consent-pages.ts'
import {
  findProviderAccount,
  isSocialProvider,
  oauthClients,
  providerAccounts,
  providerProfiles,
} from './seed.ts'
import {
  findProviderAccessToken,
  isRegisteredRedirectUri,
  issueAuthorizationCode,
  redeemAuthorizationCode,
  storeAuthorizationRequest,
  takeAuthorizationRequest,
} from './authorization-server.ts'
import { PROVIDER_ACCESS_TOKEN_TTL_SEC } from './state.ts'
import { providerDialects, providerJson, type ProviderDialect } from './dialects.ts'

/**
 * The mock providers, each at `/api/oauth/:provider/`: `authorize` and `consent` for the browser
 * (HTML), `token` and `userinfo` for a backend (JSON), as Google, Kakao and Naver have them. They
 * share nothing with Reel's backend but the process, and serve the standalone providers server
 * as well (`npm run providers`).
 */

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

type AuthorizeCheck =
  | {
      ok: true
      clientId: string
      redirectUri: string
      state: string
      codeChallenge: string | null
    }
  | { ok: false; error: string; message: string }

/**
 * The authorization request's rules, in the order a careful provider checks them: who is asking
 * and where the answer goes first, since until both are known nothing may be redirected. A
 * provider with PKCE requires S256 of Reel; Naver has no PKCE and ignores its parameters.
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
  if (!isRegisteredRedirectUri(redirectUri, client.callbackPath(provider), url.origin)) {
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
  if (!providerProfiles[provider].pkce) {
    return { ok: true, clientId, redirectUri, state, codeChallenge: null }
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

const TOKEN_PARAMS = [
  'grant_type',
  'client_id',
  'client_secret',
  'code',
  'redirect_uri',
  'code_verifier',
  'state',
] as const

const param = z.string().min(1).max(2048)
/** Every parameter the token endpoints read; which are required depends on the provider. */
const tokenParamsSchema = z.object({
  grant_type: z.literal('authorization_code'),
  client_id: param,
  client_secret: param.optional(),
  code: param,
  redirect_uri: param.optional(),
  code_verifier: param.optional(),
  state: param.optional(),
})
type TokenParams = z.infer<typeof tokenParamsSchema>

const FORM = 'application/x-www-form-urlencoded'

/**
 * The token request's parameters: the form body of a POST (RFC 6749 §4.1.3), and at Naver also
 * the query string, which its documentation uses. A parameter given twice is refused.
 */
async function readTokenParams(
  request: Request,
  dialect: ProviderDialect,
): Promise<URLSearchParams | string> {
  const url = new URL(request.url)
  if (request.method === 'GET') return url.searchParams
  const mediaType = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase()
  if (mediaType !== FORM) return `The body must be ${FORM}.`
  const params = new URLSearchParams(await request.text())
  if (dialect.tokenByGet) for (const [name, value] of url.searchParams) params.append(name, value)
  return params
}

/** Which required parameter is missing, if any, by this provider's rules. */
function missingParameter(params: TokenParams, dialect: ProviderDialect): string | null {
  if (dialect.secretRequired && params.client_secret === undefined) return 'client_secret'
  if (dialect.redirectUriRequired && params.redirect_uri === undefined) return 'redirect_uri'
  if (dialect.stateRequired && params.state === undefined) return 'state'
  return null
}

async function tokenEndpoint(request: Request, provider: SocialProvider) {
  const dialect = providerDialects[provider]
  const invalidRequest = (description: string) =>
    dialect.tokenError({ error: 'invalid_request', description })
  const read = await readTokenParams(request, dialect)
  if (typeof read === 'string') return invalidRequest(read)
  const repeated = TOKEN_PARAMS.find((name) => read.getAll(name).length > 1)
  if (repeated) return invalidRequest(`The parameter ${repeated} is repeated.`)
  const grantType = read.get('grant_type')
  if (grantType !== null && grantType !== 'authorization_code') {
    return dialect.tokenError({
      error: 'unsupported_grant_type',
      description: 'Only grant_type=authorization_code is supported here.',
    })
  }
  const parsed = tokenParamsSchema.safeParse(Object.fromEntries(read))
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'body'
    return invalidRequest(`The parameter ${field} is missing or not valid.`)
  }
  const params = parsed.data
  const missing = missingParameter(params, dialect)
  if (missing) return invalidRequest(`The parameter ${missing} is required.`)
  const redeemed = await redeemAuthorizationCode({
    provider,
    clientId: params.client_id,
    clientSecret: params.client_secret ?? null,
    code: params.code,
    redirectUri: dialect.redirectUriRequired ? (params.redirect_uri ?? null) : null,
    codeVerifier: params.code_verifier ?? null,
  })
  if (!redeemed.ok) return dialect.tokenError(redeemed)
  return providerJson(
    dialect.tokenSuccess(
      redeemed.accessToken,
      PROVIDER_ACCESS_TOKEN_TTL_SEC[provider],
      providerProfiles[provider].scope,
    ),
  )
}

/** The Bearer token of a request (RFC 6750 §2.1), or null. */
function bearerToken(request: Request): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.get('Authorization') ?? '')
  return match?.[1] ?? null
}

async function userInfoEndpoint(request: Request, provider: SocialProvider) {
  const dialect = providerDialects[provider]
  const token = bearerToken(request)
  if (token === null) return dialect.userInfoError(true)
  const record = await findProviderAccessToken(provider, token)
  const account = record && findProviderAccount(provider, record.subject)
  if (!account) return dialect.userInfoError(false)
  return providerJson(dialect.userInfo(account))
}

const unknownProvider = (lang: PageLanguage) =>
  errorPage(null, lang, 404, { reason: 'unknown_provider', error: 'not_found' })

const unknownProviderJson = () =>
  providerJson({ error: 'not_found', error_description: 'There is no such sign-in provider.' }, 404)

export const oauthProviderHandlers = [
  http.get<{ provider: string }>('/api/oauth/:provider/authorize', ({ request, params }) => {
    const { provider } = params
    const lang = pageLanguage(request)
    if (!isSocialProvider(provider)) return unknownProvider(lang)
    const checked = checkAuthorizeRequest(new URL(request.url), provider)
    if (!checked.ok) {
      const { error, message: detail } = checked
      return errorPage(provider, lang, 400, { reason: 'bad_request', error, detail })
    }
    const { clientId, ...rest } = checked
    const requestId = storeAuthorizationRequest({ provider, clientId, ...rest })
    return consentPage({
      provider,
      lang,
      clientName: oauthClients.get(clientId)?.name ?? clientId,
      requestId,
      accounts: providerAccounts[provider],
      redirectUri: rest.redirectUri,
    })
  }),

  http.post<{ provider: string }>('/api/oauth/:provider/consent', async ({ request, params }) => {
    const { provider } = params
    const lang = pageLanguage(request)
    if (!isSocialProvider(provider)) return unknownProvider(lang)
    const form = consentSchema.safeParse(
      Object.fromEntries(new URLSearchParams(await request.text())),
    )
    const expired = () =>
      errorPage(provider, lang, 400, { reason: 'expired', error: 'invalid_request' })
    if (!form.success) return expired()
    const pending = takeAuthorizationRequest(form.data.request, provider)
    if (!pending) return expired()
    if (form.data.decision === 'deny') {
      return redirectBack(pending.redirectUri, { error: 'access_denied', state: pending.state })
    }
    const account = findProviderAccount(provider, form.data.account ?? '')
    if (!account) {
      return errorPage(provider, lang, 400, { reason: 'unknown_account', error: 'invalid_request' })
    }
    const code = await issueAuthorizationCode(pending, account.subject)
    return redirectBack(pending.redirectUri, { code, state: pending.state })
  }),

  http.all<{ provider: string }>('/api/oauth/:provider/token', ({ request, params }) => {
    const { provider } = params
    if (!isSocialProvider(provider)) return unknownProviderJson()
    const allowed = providerDialects[provider].tokenByGet ? ['GET', 'POST'] : ['POST']
    if (!allowed.includes(request.method)) {
      return new HttpResponse(null, { status: 405, headers: { Allow: allowed.join(', ') } })
    }
    return tokenEndpoint(request, provider)
  }),

  http.get<{ provider: string }>('/api/oauth/:provider/userinfo', ({ request, params }) => {
    const { provider } = params
    if (!isSocialProvider(provider)) return unknownProviderJson()
    return userInfoEndpoint(request, provider)
  }),
]
