import { request as httpRequest, type Server } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { base64url, decodeJwt, SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose'
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type TestFunction,
} from 'vitest'
import { z } from 'zod'
import { db, resetDb } from '../mocks/backend/db.ts'
import { startMockServer } from '../mocks/hosts/http.ts'
import type { LabConfig } from '../contract/lab.ts'
import { issueAccessToken } from '../mocks/backend/tokens.ts'

/**
 * Helpers for the contract tests (see docs/api.md). Everything goes over real HTTP with
 * Node's `fetch`; cookies are handled by hand, as a browser would, from `Set-Cookie`.
 */

export const REFRESH_COOKIE = '__Secure-reel_rt'
export const REFRESH_COOKIE_PATH = '/api/auth'
export const DEFAULT_REFRESH_MAX_AGE = 14 * 24 * 60 * 60

export const DEMO = { username: 'demo', password: 'demo-password-1' } as const
export const ALICE = { username: 'alice', password: 'alice-password-1' } as const

// ---------------------------------------------------------------------------------------------
// Server lifecycle

/**
 * `REEL_CONTRACT_URL` points the suite at a running backend (e.g. `http://127.0.0.1:4650`)
 * instead of the in-process mock. That backend must offer `POST /api/__test__/reset` (a
 * test-only switch, off in production) so that every test starts from the seed data.
 */
const externalOrigin = process.env.REEL_CONTRACT_URL?.replace(/\/$/, '')

/** True when the suite runs against the mock in this process, with its lab and internals. */
export const againstMock = externalOrigin === undefined

let origin = externalOrigin ?? ''

/**
 * Starts the mock host for the test file (or uses the external backend), closes it afterwards,
 * and resets state before every test.
 */
export function useMockServer(): void {
  if (externalOrigin !== undefined) {
    beforeEach(async () => {
      await expectNoContent(await call('/api/__test__/reset', { method: 'POST' }))
    })
    return
  }
  let server: Server | undefined
  beforeAll(async () => {
    ;({ server, origin } = await startMockServer())
  })
  afterAll(async () => {
    if (!server) return
    const closing = server
    closing.closeAllConnections()
    await new Promise<void>((resolve, reject) =>
      closing.close((error) => (error ? reject(error) : resolve())),
    )
  })
  beforeEach(() => {
    resetDb()
  })
}

/** The origin of the backend under test, e.g. `http://127.0.0.1:PORT`. */
export function serverOrigin(): string {
  return origin
}

/** Why a test can only run against the mock; named in the title of the test it skips. */
const MOCK_ONLY_REASONS = {
  lab: 'uses the lab API (/api/__lab/*), which a real backend answers with 404',
  internals: 'reaches into the mock’s in-process state or signing keys',
  'mock-providers':
    'drives the mock’s own OAuth provider pages, which a real backend does not serve',
} as const

export type MockOnlyReason = keyof typeof MOCK_ONLY_REASONS

/**
 * `it` and `describe` for tests that need the mock: against an external backend they are
 * skipped, with the reason appended to their title so that reports say why.
 *
 * @example
 * mockOnly('lab').it('takes its lifetime from accessTokenTtlSec', async () => { … })
 */
export function mockOnly(reason: MockOnlyReason) {
  const title = (name: string) =>
    againstMock ? name : `${name} (skipped: ${MOCK_ONLY_REASONS[reason]})`
  return {
    it: (name: string, fn: TestFunction) => (againstMock ? it : it.skip)(title(name), fn),
    describe: (name: string, fn: () => void) =>
      (againstMock ? describe : describe.skip)(title(name), fn),
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface CallOptions {
  method?: string
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown
  /** Sent as is; set the content type through `headers` if needed. */
  body?: string
  /** An access token, sent as `Authorization: Bearer …`. */
  token?: string
  /** A refresh token, sent as the refresh cookie. */
  refreshToken?: string
  /** Sends `X-Requested-With: XMLHttpRequest` (the CSRF header); on by default. */
  xhr?: boolean
  headers?: Record<string, string>
  /** `manual` to see a redirect itself rather than where it leads. */
  redirect?: RequestRedirect
  /** The local address to connect from (any of 127.0.0.0/8 is the loopback on Linux). */
  localAddress?: string
}

/** One request to the backend under test, with the headers the SPA would send. */
export function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers()
  if (options.xhr !== false) headers.set('X-Requested-With', 'XMLHttpRequest')
  if (options.token !== undefined) headers.set('Authorization', `Bearer ${options.token}`)
  if (options.refreshToken !== undefined) {
    headers.set('Cookie', `${REFRESH_COOKIE}=${options.refreshToken}`)
  }
  let body: string | undefined = options.body
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = JSON.stringify(options.json)
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value)
  if (options.localAddress !== undefined) {
    return requestFrom(options.localAddress, options.method ?? 'GET', path, headers, body)
  }
  return fetch(`${origin}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
    ...(options.redirect === undefined ? {} : { redirect: options.redirect }),
  })
}

/** A request over `node:http(s)` from a chosen local address, answered as a fetch `Response`. */
function requestFrom(
  localAddress: string,
  method: string,
  path: string,
  headers: Headers,
  body: string | undefined,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    // Through the production stack the backend is behind nginx's TLS.
    const request = origin.startsWith('https:') ? httpsRequest : httpRequest
    const sent = request(
      `${origin}${path}`,
      { method, localAddress, headers: Object.fromEntries(headers) },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const received = new Headers()
          for (const [name, value] of Object.entries(res.headers)) {
            for (const item of [value ?? []].flat()) received.append(name, item)
          }
          const status = res.statusCode ?? 0
          const content = status === 204 ? null : Buffer.concat(chunks)
          resolve(new Response(content, { status, headers: received }))
        })
      },
    )
    sent.on('error', reject)
    sent.end(body)
  })
}

// ---------------------------------------------------------------------------------------------
// Typed bodies

export const userSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  providers: z.array(z.string()),
  hasPassword: z.boolean(),
  passkeys: z.number().int().nonnegative(),
})

export const tokenResponseSchema = z.strictObject({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number(),
  sessionExpiresAt: z.iso.datetime(),
  user: userSchema,
})
export type TokenResponse = z.infer<typeof tokenResponseSchema>

export const problemSchema = z.strictObject({
  type: z.string().min(1),
  title: z.string().min(1),
  status: z.number().int(),
  code: z.string().min(1),
  detail: z.string().optional(),
})
export type Problem = z.infer<typeof problemSchema>

export const movieSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  year: z.number().int(),
  genres: z.array(z.string()),
  overview: z.string(),
  rating: z.number(),
})

export const moviePageSchema = z.strictObject({
  items: z.array(movieSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
})

export const sessionSchema = z.strictObject({
  id: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  expiresAt: z.iso.datetime(),
  userAgent: z.string(),
  provider: z.string(),
  current: z.boolean(),
})
export type SessionView = z.infer<typeof sessionSchema>

export const statsSchema = z.strictObject({
  loginCalls: z.number().int(),
  refreshCalls: z.number().int(),
  refreshSucceeded: z.number().int(),
  reuseDetections: z.number().int(),
  rejectedAccessTokens: z.number().int(),
  activeSessions: z.number().int(),
})
export type Stats = z.infer<typeof statsSchema>

export const labConfigSchema = z.strictObject({
  accessTokenTtlSec: z.number(),
  refreshTokenTtlSec: z.number(),
  refreshIdleTtlSec: z.number(),
  refreshReuseGraceSec: z.number(),
  latencyMs: z.number(),
  refreshLatencyMs: z.number(),
  refreshFailure: z.enum(['none', 'unauthorized', 'server_error', 'network']),
  serverClockSkewSec: z.number(),
  signingAlg: z.enum(['ES256', 'HS256']),
})

/** The public members of an EC key, as needed to rebuild it. */
export const ecPublicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.string(),
  x: z.string(),
  y: z.string(),
})

export const jwksSchema = z.strictObject({
  keys: z.array(z.looseObject({ kty: z.string(), kid: z.string(), alg: z.string() })).min(1),
})

/** Asserts a JSON success response with this status and returns its body, parsed and typed. */
export async function expectJson<T>(
  response: Response,
  status: number,
  schema: z.core.$ZodType<T>,
): Promise<T> {
  const text = await response.text()
  expect(response.status, text).toBe(status)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json\b/)
  return z.parse(schema, JSON.parse(text))
}

/** Asserts an RFC 9457 problem response with this status and `code`, and returns it. */
export async function expectProblem(
  response: Response,
  status: number,
  code: string,
): Promise<Problem> {
  const text = await response.text()
  expect(response.status, text).toBe(status)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json\b/)
  const body = problemSchema.parse(JSON.parse(text))
  expect(body.code).toBe(code)
  expect(body.status).toBe(status)
  return body
}

/** Asserts `204 No Content` with an empty body. */
export async function expectNoContent(response: Response): Promise<void> {
  const text = await response.text()
  expect(response.status, text).toBe(204)
  expect(text).toBe('')
}

// ---------------------------------------------------------------------------------------------
// Cookies

export interface SetCookie {
  name: string
  value: string
  /** Attribute names lower-cased (RFC 6265 matches them case-insensitively); flags map to true. */
  attributes: Map<string, string | true>
}

export function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...parts] = header.split(';')
  const separator = pair.indexOf('=')
  const attributes = new Map<string, string | true>()
  for (const part of parts) {
    const index = part.indexOf('=')
    if (index === -1) attributes.set(part.trim().toLowerCase(), true)
    else attributes.set(part.slice(0, index).trim().toLowerCase(), part.slice(index + 1).trim())
  }
  return {
    name: pair.slice(0, separator).trim(),
    value: pair.slice(separator + 1).trim(),
    attributes,
  }
}

/**
 * The single refresh cookie a response sets, with its attributes checked to the letter: a
 * persistent cookie has `Max-Age`, a browser-session one has neither it nor `Expires`.
 */
function expectOneRefreshCookie(response: Response, persistent = true): SetCookie {
  const headers = response.headers.getSetCookie()
  expect(headers).toHaveLength(1)
  const cookie = parseSetCookie(headers[0] ?? '')
  expect(cookie.name).toBe(REFRESH_COOKIE)
  expect([...cookie.attributes.keys()].sort()).toEqual([
    'httponly',
    ...(persistent ? ['max-age'] : []),
    'path',
    'samesite',
    'secure',
  ])
  expect(cookie.attributes.get('httponly')).toBe(true)
  expect(cookie.attributes.get('secure')).toBe(true)
  expect(cookie.attributes.get('samesite')).toBe('Strict')
  expect(cookie.attributes.get('path')).toBe(REFRESH_COOKIE_PATH)
  return cookie
}

/** Asserts a freshly issued refresh cookie and returns its token and `Max-Age`. */
export function expectRefreshCookie(response: Response): { token: string; maxAge: number } {
  const cookie = expectOneRefreshCookie(response)
  const maxAge = cookie.attributes.get('max-age')
  expect(maxAge).toMatch(/^\d+$/)
  // At least 128 random bits: 22 base64url characters carry 132.
  expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{22,}$/)
  return { token: cookie.value, maxAge: Number(maxAge) }
}

/** Asserts a freshly issued browser-session refresh cookie and returns its token. */
export function expectSessionRefreshCookie(response: Response): string {
  const cookie = expectOneRefreshCookie(response, false)
  expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{22,}$/)
  return cookie.value
}

/** Asserts the refresh cookie is cleared: same name and path, empty, `Max-Age=0`. */
export function expectClearedRefreshCookie(response: Response): void {
  const cookie = expectOneRefreshCookie(response)
  expect(cookie.value).toBe('')
  expect(cookie.attributes.get('max-age')).toBe('0')
}

export function expectNoSetCookie(response: Response): void {
  expect(response.headers.getSetCookie()).toEqual([])
}

// ---------------------------------------------------------------------------------------------
// Auth flows

export interface SignedIn {
  accessToken: string
  refreshToken: string
  /** The session id (`sid`) the access token names. */
  sessionId: string
  body: TokenResponse
  maxAge: number
}

async function expectTokenResponse(response: Response): Promise<SignedIn> {
  const body = await expectJson(response, 200, tokenResponseSchema)
  const { token, maxAge } = expectRefreshCookie(response)
  const sid = decodeJwt(body.accessToken).sid
  if (typeof sid !== 'string') throw new Error('access token without sid')
  return { accessToken: body.accessToken, refreshToken: token, sessionId: sid, body, maxAge }
}

export function postLogin(
  credentials: unknown,
  options: Omit<CallOptions, 'method' | 'json'> = {},
): Promise<Response> {
  return call('/api/auth/login', { ...options, method: 'POST', json: credentials })
}

/** Signs in (demo by default) and returns the tokens; fails the test unless it is a 200. */
export async function login(
  credentials: { username: string; password: string; linkToken?: string } = DEMO,
  options: Omit<CallOptions, 'method' | 'json'> = {},
): Promise<SignedIn> {
  return expectTokenResponse(await postLogin(credentials, options))
}

export function postRefresh(
  refreshToken?: string,
  options: Omit<CallOptions, 'method' | 'refreshToken'> = {},
): Promise<Response> {
  return call('/api/auth/refresh', {
    ...options,
    method: 'POST',
    ...(refreshToken === undefined ? {} : { refreshToken }),
  })
}

/** Refreshes and returns the new tokens; fails the test unless it is a 200. */
export async function refresh(refreshToken: string): Promise<SignedIn> {
  return expectTokenResponse(await postRefresh(refreshToken))
}

/** Asserts a definite refresh failure: 401, this `code`, and the cookie cleared. */
export async function expectRefreshFailure(response: Response, code: string): Promise<void> {
  expectClearedRefreshCookie(response)
  await expectProblem(response, 401, code)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
}

// ---------------------------------------------------------------------------------------------
// Lab

export async function getConfig(): Promise<LabConfig> {
  return expectJson(await call('/api/__lab/config'), 200, labConfigSchema)
}

export async function patchConfig(patch: Partial<LabConfig>): Promise<LabConfig> {
  return expectJson(
    await call('/api/__lab/config', { method: 'PATCH', json: patch }),
    200,
    labConfigSchema,
  )
}

/** Moves the server's clock to `seconds` from now (the lab's `serverClockSkewSec`). */
export async function setServerClock(seconds: number): Promise<void> {
  await patchConfig({ serverClockSkewSec: seconds })
}

export async function getStats(): Promise<Stats> {
  return expectJson(await call('/api/__lab/stats'), 200, statsSchema)
}

/** Time taken by a request, from sending to the end of the body, in milliseconds. */
export async function timed(request: () => Promise<Response>): Promise<number> {
  const start = performance.now()
  const response = await request()
  await response.arrayBuffer()
  return performance.now() - start
}

// ---------------------------------------------------------------------------------------------
// Forging access tokens

/**
 * The server's own signing key for `alg`. The server never exports it, so this catches it as
 * the server signs a token: that lets a test sign a token correctly and break exactly one rule
 * (a claim, a header), so its rejection proves that rule is checked and not the signature.
 */
export async function serverSigningKey(alg: 'ES256' | 'HS256'): Promise<CryptoKey> {
  const user = db.users.get('u_demo')
  if (!user) throw new Error('seed user missing')
  const previous = db.config.signingAlg
  const sign = vi.spyOn(crypto.subtle, 'sign')
  try {
    db.config.signingAlg = alg
    await issueAccessToken(user, { id: 's_key_probe', authTime: Date.now(), authMethod: 'pwd' })
    const key = sign.mock.calls.at(-1)?.[1]
    if (!key) throw new Error('the server did not sign')
    return key
  } finally {
    sign.mockRestore()
    db.config.signingAlg = previous
  }
}

export function signJwt(
  header: JWTHeaderParameters,
  claims: JWTPayload,
  key: CryptoKey | Uint8Array,
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header).sign(key)
}

/** An unsigned JWT: `alg: none` (or a spelling of it) and an empty signature. */
export function unsecuredJwt(
  header: Record<string, unknown>,
  claims: JWTPayload,
  alg = 'none',
): string {
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value))
  return `${encode({ ...header, alg })}.${encode(claims)}.`
}

/** `GET /api/me` with this access token: the simplest Bearer-protected probe. */
export function getMe(token: string): Promise<Response> {
  return call('/api/me', { token })
}
