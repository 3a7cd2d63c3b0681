import { HttpResponse } from 'msw'
import type { SocialProvider } from '../../contract/providers.ts'
import type { ProviderAccount } from './seed.ts'
import type { TokenRefusal } from './authorization-server.ts'

/**
 * How each mock provider speaks at its token and user-info endpoints: which parameters it
 * requires, and the status codes and body shapes of its answers, after its own documentation
 * (docs/mock-providers.md cites each page). The rules themselves are shared (authorization-server.ts).
 */

/** A token endpoint's refusal: a refused grant, or a request it cannot read. */
export type TokenError =
  TokenRefusal | { error: 'invalid_request' | 'unsupported_grant_type'; description: string }

export interface ProviderDialect {
  /** Whether the token request must carry `client_secret` (Kakao's is optional). */
  secretRequired: boolean
  /** Whether it must carry `redirect_uri` (Naver's has none). */
  redirectUriRequired: boolean
  /** Whether it must carry `state` (Naver's does). */
  stateRequired: boolean
  /** Whether the token endpoint also answers GET with the parameters in the query (Naver). */
  tokenByGet: boolean
  tokenSuccess: (accessToken: string, expiresInSec: number, scope: string) => unknown
  tokenError: (error: TokenError) => HttpResponse<string>
  userInfo: (account: ProviderAccount) => unknown
  /** The refusal of a user-info request without a usable Bearer token. */
  userInfoError: (missing: boolean) => HttpResponse<string>
}

/** A provider's JSON answer; none of it may be cached. */
export function providerJson(
  body: unknown,
  status = 200,
  headers: HeadersInit = {},
): HttpResponse<string> {
  const merged = new Headers(headers)
  merged.set('Content-Type', 'application/json; charset=utf-8')
  merged.set('Cache-Control', 'no-store')
  return new HttpResponse(JSON.stringify(body), { status, headers: merged })
}

/** RFC 6749 §5.2: a client that failed to authenticate gets 401, every other error 400. */
const rfcStatus = (error: TokenError['error']) => (error === 'invalid_client' ? 401 : 400)

/** A placeholder refresh token: the mocks implement no refresh grant, but the shapes carry one. */
const refreshTokenPlaceholder = (accessToken: string) => `rt-${accessToken.slice(0, 16)}`

const google: ProviderDialect = {
  secretRequired: true,
  redirectUriRequired: true,
  stateRequired: false,
  tokenByGet: false,
  tokenSuccess: (accessToken, expiresIn, scope) => ({
    access_token: accessToken,
    expires_in: expiresIn,
    scope,
    token_type: 'Bearer',
  }),
  tokenError: ({ error, description }) =>
    providerJson({ error, error_description: description }, rfcStatus(error)),
  userInfo: (account) => ({
    sub: account.subject,
    name: account.name,
    picture: `https://lh3.googleusercontent.example/a/${account.subject}`,
    email: account.email,
    email_verified: account.emailVerified,
  }),
  userInfoError: () =>
    providerJson({ error: 'invalid_request', error_description: 'Invalid Credentials' }, 401, {
      'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    }),
}

/** Kakao's own error codes for the token endpoint's refusals. */
const KAKAO_ERROR_CODES: Record<TokenError['error'], string> = {
  invalid_request: 'KOE001',
  unsupported_grant_type: 'KOE001',
  invalid_client: 'KOE010',
  invalid_grant: 'KOE320',
  redirect_uri_mismatch: 'KOE303',
}

const kakao: ProviderDialect = {
  secretRequired: false,
  redirectUriRequired: true,
  stateRequired: false,
  tokenByGet: false,
  tokenSuccess: (accessToken, expiresIn, scope) => ({
    token_type: 'bearer',
    access_token: accessToken,
    expires_in: expiresIn,
    refresh_token: refreshTokenPlaceholder(accessToken),
    refresh_token_expires_in: 5183999,
    scope,
  }),
  // Kakao names a redirect URI mismatch invalid_grant, with its own code saying which.
  tokenError: ({ error, description }) =>
    providerJson(
      {
        error: error === 'redirect_uri_mismatch' ? 'invalid_grant' : error,
        error_description: description,
        error_code: KAKAO_ERROR_CODES[error],
      },
      rfcStatus(error),
    ),
  userInfo: (account) => ({
    id: Number(account.subject),
    connected_at: '2026-01-01T00:00:00Z',
    kakao_account: {
      profile_nickname_needs_agreement: false,
      profile: { nickname: account.name, is_default_nickname: false },
      has_email: true,
      email_needs_agreement: false,
      is_email_valid: account.emailValid,
      is_email_verified: account.emailVerified,
      email: account.email,
    },
  }),
  userInfoError: () => providerJson({ msg: 'this access token does not exist', code: -401 }, 401),
}

const naver: ProviderDialect = {
  secretRequired: true,
  redirectUriRequired: false,
  stateRequired: true,
  tokenByGet: true,
  tokenSuccess: (accessToken, expiresIn) => ({
    access_token: accessToken,
    refresh_token: refreshTokenPlaceholder(accessToken),
    token_type: 'bearer',
    // Naver sends the lifetime as a string.
    expires_in: String(expiresIn),
  }),
  // Naver answers a refused token request with 200 and the error in the body.
  tokenError: ({ error, description }) =>
    providerJson({
      error: error === 'redirect_uri_mismatch' ? 'invalid_request' : error,
      error_description: description,
    }),
  userInfo: (account) => ({
    resultcode: '00',
    message: 'success',
    response: {
      id: account.subject,
      nickname: account.name,
      name: account.name,
      email: account.email,
    },
  }),
  userInfoError: (missing) =>
    providerJson(
      missing
        ? {
            resultcode: '028',
            message: 'Authentication header not exists (인증 헤더가 존재하지 않습니다.)',
          }
        : { resultcode: '024', message: 'Authentication failed (인증 실패하였습니다.)' },
      401,
    ),
}

export const providerDialects: Readonly<Record<SocialProvider, ProviderDialect>> = {
  google,
  kakao,
  naver,
}
