import { createHash, randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { z } from 'zod'
import {
  call,
  expectJson,
  expectNoSetCookie,
  expectProblem,
  serverOrigin,
  tokenResponseSchema,
  type CallOptions,
} from './client.ts'

/**
 * The browser's and Reel's steps of social sign-in against the mock providers, for the contract
 * tests: authorize, consent, and the code the callback would receive; the exchange at Reel.
 */

export type Provider = 'google' | 'kakao' | 'naver'

// Accounts in the mock providers' seed (mocks/providers/seed.ts). Demo's email everywhere:
export const DEMO_AT = {
  google: '108234567890123456789',
  kakao: '3141592653',
  naver: 'nv_Qm9ZcDemoViewer01',
}
// New to Reel, with an email the provider vouches for (Naver vouches for none):
export const NEW_AT = {
  google: '117654321098765432101',
  kakao: '2718281828',
  naver: 'nv_Xk3LeeSeoyeon0002',
}
export const KAKAO_UNVERIFIED_ALICE_EMAIL = '1618033988'
export const NAVER_ALICE_EMAIL = 'nv_Pz7KimAlice000003'
// New to Reel, with an email the provider does not vouch for:
export const GOOGLE_UNVERIFIED = '104455667788990011223'
export const KAKAO_NO_LONGER_VALID = '1414213562'

// Computed here with Node's own crypto, not the server's helpers, so the two cannot agree by
// sharing a bug.
export const newVerifier = () => randomBytes(32).toString('base64url')
export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url')

export const callbackUri = (provider: string) => `${serverOrigin()}/auth/callback/${provider}`

export interface AuthorizeParams {
  response_type?: string | undefined
  client_id?: string | undefined
  redirect_uri?: string | undefined
  state?: string | undefined
  code_challenge?: string | undefined
  code_challenge_method?: string | undefined
  lang?: string | undefined
}

export function authorizeUrl(provider: string, params: AuthorizeParams): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) query.set(name, value)
  return `/api/oauth/${provider}/authorize?${query}`
}

export function authorize(provider: string, params: AuthorizeParams): Promise<Response> {
  return call(authorizeUrl(provider, params), { xhr: false, redirect: 'manual' })
}

/** Parameters of a good request: Reel's client, its exact callback, S256 where there is PKCE. */
export function goodParams(
  provider: string,
  verifier: string,
): AuthorizeParams & {
  state: string
  redirect_uri: string
} {
  const pkce =
    provider === 'naver' ? {} : { code_challenge: s256(verifier), code_challenge_method: 'S256' }
  return {
    response_type: 'code',
    client_id: 'reel',
    redirect_uri: callbackUri(provider),
    state: 'st_' + randomBytes(16).toString('base64url'),
    ...pkce,
  }
}

/** The consent page's pending-request id, as its hidden form field carries it. */
export async function consentRequestId(response: Response): Promise<string> {
  const html = await response.text()
  expect(response.status, html).toBe(200)
  const id = /name="request" value="([^"]+)"/.exec(html)?.[1]
  if (!id) throw new Error('no request id on the consent page')
  return id
}

export function answerConsent(
  provider: string,
  fields: Record<string, string>,
  options: Pick<CallOptions, 'headers'> = {},
): Promise<Response> {
  return call(`/api/oauth/${provider}/consent`, {
    method: 'POST',
    xhr: false,
    redirect: 'manual',
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...options.headers },
  })
}

/** Follows the provider's redirect back: the callback URL and its query. */
export function redirectTarget(response: Response): URL {
  expect(response.status).toBe(302)
  const location = response.headers.get('Location')
  if (!location) throw new Error('no Location')
  return new URL(location)
}

export interface Grant {
  code: string
  state: string
  verifier: string
  redirectUri: string
}

/** Authorize and consent as `subject` at `provider`: the code the app's callback would receive. */
export async function obtainCode(
  provider: Provider,
  subject: string,
  client: { client_id?: string; redirect_uri?: string } = {},
): Promise<Grant> {
  const verifier = newVerifier()
  const params = { ...goodParams(provider, verifier), ...client }
  const request = await consentRequestId(await authorize(provider, params))
  const target = redirectTarget(
    await answerConsent(provider, { request, decision: 'allow', account: subject }),
  )
  const code = target.searchParams.get('code')
  if (!code) throw new Error('no code')
  return { code, state: params.state, verifier, redirectUri: params.redirect_uri }
}

export function exchange(
  provider: string,
  body: unknown,
  options: Omit<CallOptions, 'method' | 'json'> = {},
): Promise<Response> {
  return call(`/api/auth/oauth/${provider}`, { ...options, method: 'POST', json: body })
}

export function exchangeGrant(
  provider: string,
  grant: Grant,
  overrides: Record<string, unknown> = {},
) {
  return exchange(provider, {
    code: grant.code,
    codeVerifier: grant.verifier,
    redirectUri: grant.redirectUri,
    ...overrides,
  })
}

export async function signInWith(provider: Provider, subject: string) {
  const response = await exchangeGrant(provider, await obtainCode(provider, subject))
  const body = await expectJson(response, 200, tokenResponseSchema)
  return { body, response }
}

export async function expectInvalidGrant(response: Response, detail: RegExp): Promise<void> {
  const problem = await expectProblem(response, 400, 'invalid_grant')
  expect(problem.detail).toMatch(detail)
  expectNoSetCookie(response)
}

export const PROVIDERS: Provider[] = ['google', 'kakao', 'naver']

const accountExistsSchema = z.strictObject({
  type: z.string().min(1),
  title: z.string().min(1),
  status: z.literal(409),
  code: z.literal('account_exists'),
  detail: z.string().optional(),
  // Opaque, and as hard to guess as a refresh token.
  linkToken: z.string().regex(/^[\x21-\x7e]{22,128}$/),
  provider: z.enum(['google', 'kakao', 'naver']),
  email: z.string(),
})

/** Asserts `409 account_exists` with no session, and returns its body. */
export async function expectAccountExists(response: Response) {
  const text = await response.text()
  expect(response.status, text).toBe(409)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json\b/)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  expectNoSetCookie(response)
  return accountExistsSchema.parse(JSON.parse(text))
}

/** Signs in at `provider` as `subject`, whose email is an existing account's: its link token. */
export async function linkTokenFor(provider: Provider, subject: string): Promise<string> {
  const response = await exchangeGrant(provider, await obtainCode(provider, subject))
  return (await expectAccountExists(response)).linkToken
}
