import axios, { type AxiosInstance } from 'axios'
import { z } from 'zod'
import { redactErrorsOf } from '../lib/redact-error'

/** The signed-in person, as `GET /api/me` and every token response describe them. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  providers: z.array(z.string()),
})

export type User = z.infer<typeof userSchema>

export const tokenResponseSchema = z.object({
  accessToken: z.string().min(1),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().positive(),
  /**
   * When the session ends absolutely (contract v1.1). A v1 backend omits it, and an unreadable
   * value is treated the same way: the session then simply has no known end.
   */
  sessionExpiresAt: z
    .string()
    .optional()
    .transform((value) => {
      const at = value === undefined ? Number.NaN : Date.parse(value)
      return Number.isFinite(at) ? at : null
    }),
  user: userSchema,
})

export type TokenResponse = z.infer<typeof tokenResponseSchema>

export interface Credentials {
  username: string
  password: string
  /** "Keep me signed in": false asks for a browser-session cookie and a shorter session. */
  remember?: boolean
}

/**
 * A client for the auth endpoints only. It has no auth interceptor, so the refresh call can never
 * trigger another refresh. The header is the contract's CSRF defence for `/api/auth/*`.
 */
export function createAuthHttp(baseURL = '/api'): AxiosInstance {
  return redactErrorsOf(
    axios.create({
      baseURL,
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
  return tokenResponseSchema.parse(data)
}

/** What the SPA's callback page hands the backend after a provider redirected back with a code. */
export interface AuthorizationCodeGrant {
  code: string
  /** Absent for a provider without PKCE (Naver), whose code the backend redeems with a secret. */
  codeVerifier?: string
  redirectUri: string
  remember?: boolean
}

export async function postOAuthCode(
  http: AxiosInstance,
  provider: string,
  grant: AuthorizationCodeGrant,
): Promise<TokenResponse> {
  const { data } = await http.post<unknown>(`/auth/oauth/${encodeURIComponent(provider)}`, grant)
  return tokenResponseSchema.parse(data)
}

export async function postRefresh(http: AxiosInstance): Promise<TokenResponse> {
  const { data } = await http.post<unknown>('/auth/refresh')
  return tokenResponseSchema.parse(data)
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
