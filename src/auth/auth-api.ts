import axios, { type AxiosInstance } from 'axios'
import {
  tokenResponseSchema,
  type CodeExchange,
  type Credentials,
  type TokenResponse as WireTokenResponse,
  type User,
} from '../../contract/auth'
import type { Reauthentication } from '../../contract/account'
import { passkeyLoginSchema, type PasskeyLogin } from '../../contract/passkey-login'
import { redactErrorsOf } from '../lib/redact-error'

export type { Credentials, User }

/** A token response as the session keeps it: the session's end as a time, or null when unknown. */
export interface TokenResponse extends Omit<WireTokenResponse, 'sessionExpiresAt'> {
  sessionExpiresAt: number | null
}

/** What a session takes from a token response, whichever tab or call it came from. */
export type SessionTokens = Pick<
  TokenResponse,
  'accessToken' | 'expiresIn' | 'sessionExpiresAt' | 'user'
>

/**
 * Parses a token response. A v1 backend omits `sessionExpiresAt`, and an unreadable value is
 * treated the same way: the session then simply has no known end.
 */
function parseTokenResponse(data: unknown): TokenResponse {
  const { sessionExpiresAt, ...response } = tokenResponseSchema.parse(data)
  const at = sessionExpiresAt === undefined ? Number.NaN : Date.parse(sessionExpiresAt)
  return { ...response, sessionExpiresAt: Number.isFinite(at) ? at : null }
}

/**
 * A client for the auth endpoints only. It has no auth interceptor, so the refresh call can never
 * trigger another refresh. The header is the contract's CSRF defence for `/api/auth/*`.
 */
export function createAuthHttp(baseURL = '/api'): AxiosInstance {
  return redactErrorsOf(
    axios.create({
      baseURL,
      // Paths only: some calls carry the access token, and it must never leave for another origin.
      allowAbsoluteUrls: false,
      timeout: 15_000,
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    }),
  )
}

export async function postLogin(
  http: AxiosInstance,
  credentials: Credentials,
): Promise<TokenResponse> {
  const { data } = await http.post<unknown>('/auth/login', credentials)
  return parseTokenResponse(data)
}

export async function postOAuthCode(
  http: AxiosInstance,
  provider: string,
  grant: CodeExchange,
): Promise<TokenResponse> {
  const { data } = await http.post<unknown>(`/auth/oauth/${encodeURIComponent(provider)}`, grant)
  return parseTokenResponse(data)
}

export async function postPasskeyLogin(
  http: AxiosInstance,
  login: PasskeyLogin,
): Promise<TokenResponse> {
  const { data } = await http.post<unknown>('/auth/passkey/login', passkeyLoginSchema.parse(login))
  return parseTokenResponse(data)
}

export async function postRefresh(http: AxiosInstance): Promise<TokenResponse> {
  const { data } = await http.post<unknown>('/auth/refresh')
  return parseTokenResponse(data)
}

export async function postLogout(http: AxiosInstance): Promise<void> {
  await http.post('/auth/logout')
}

export async function postLogoutOthers(http: AxiosInstance, accessToken: string): Promise<void> {
  await http.post('/auth/logout-others', undefined, {
    headers: { Authorization: `Bearer ${accessToken}` },
  })
}

export async function postLogoutAll(http: AxiosInstance, accessToken: string): Promise<void> {
  await http.post('/auth/logout-all', undefined, {
    headers: { Authorization: `Bearer ${accessToken}` },
  })
}

/** A token response for the same session with a fresh sign-in; the refresh cookie is kept. */
export async function postReauthenticate(
  http: AxiosInstance,
  accessToken: string,
  proof: Reauthentication,
): Promise<TokenResponse> {
  const { data } = await http.post<unknown>('/auth/reauthenticate', proof, {
    headers: { Authorization: `Bearer ${accessToken}` },
  })
  return parseTokenResponse(data)
}
