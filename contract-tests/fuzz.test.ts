import fc from 'fast-check'
import { expect, it } from 'vitest'
import { resetDb } from '../mocks/backend/db.ts'
import {
  DEMO,
  REFRESH_COOKIE,
  expectJson,
  getConfig,
  getStats,
  login,
  movieSchema,
  parseSetCookie,
  serverOrigin,
  sessionSchema,
  mockOnly,
  useMockServer,
  userSchema,
  type SignedIn,
} from './client.ts'

useMockServer()

/**
 * A seeded, bounded property test of every endpoint over real HTTP: whatever arrives, the server
 * answers within a deadline and never with a 5xx, and a request it refuses (4xx) changes nothing
 * (sessions, counters, config, the user's data) and sets no cookie but a cleared one.
 */

const SEED = 20_261_128
const RUNS = 150
const DEADLINE_MS = 5_000
/** Past the Node host's 64 KiB body limit, around the 128-character field limit, and between. */
const SIZES = [0, 1, 127, 128, 129, 4096, 64 * 1024, 64 * 1024 + 1, 200 * 1024]

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

/** Every route of the contract, with `:seg` where a path segment goes. */
const ROUTES = [
  ['GET', '/api/.well-known/jwks.json'],
  ['POST', '/api/auth/login'],
  ['POST', '/api/auth/refresh'],
  ['POST', '/api/auth/logout'],
  ['POST', '/api/auth/logout-all'],
  ['POST', '/api/auth/logout-others'],
  ['GET', '/api/auth/sessions'],
  ['DELETE', '/api/auth/sessions/:seg'],
  ['POST', '/api/auth/reauthenticate'],
  ['POST', '/api/auth/passkeys/registration-options'],
  ['POST', '/api/auth/passkeys'],
  ['GET', '/api/auth/passkeys'],
  ['PATCH', '/api/auth/passkeys/:seg'],
  ['DELETE', '/api/auth/passkeys/:seg'],
  ['POST', '/api/auth/passkey/options'],
  ['POST', '/api/auth/passkey/login'],
  ['POST', '/api/auth/oauth/:seg'],
  ['GET', '/api/oauth/:seg/authorize'],
  ['POST', '/api/oauth/:seg/consent'],
  ['GET', '/api/me'],
  ['GET', '/api/movies'],
  ['GET', '/api/movies/:seg'],
  ['GET', '/api/me/watchlist'],
  ['PUT', '/api/me/watchlist/:seg'],
  ['DELETE', '/api/me/watchlist/:seg'],
  ['POST', '/api/me/password'],
  ['POST', '/api/me/providers/:seg'],
  ['DELETE', '/api/me/providers/:seg'],
  ['GET', '/api/__lab/config'],
  ['PATCH', '/api/__lab/config'],
  ['GET', '/api/__lab/stats'],
  ['POST', '/api/__lab/reset'],
  ['GET', '/api/:seg'],
] as const

/**
 * Mostly the well-formed choice, sometimes another: most requests then break one rule at a
 * time and get past the others, down to the code that changes state.
 */
function mostly<A, B>(usual: fc.Arbitrary<A>, other: fc.Arbitrary<B>): fc.Arbitrary<A | B> {
  return fc.oneof({ weight: 4, arbitrary: usual }, { weight: 1, arbitrary: other })
}

const ascii = (maxLength: number) => fc.string({ unit: 'grapheme-ascii', maxLength })

/** A value for a field: the right type or not, sized up to and past the limits. */
const fieldValue = fc.oneof(
  ascii(20),
  fc.constantFrom(...SIZES).map((size) => 'x'.repeat(size)),
  fc.constantFrom(DEMO.username, DEMO.password, 'google', 'parasite-2019'),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.array(ascii(5), { maxLength: 3 }),
)

const FIELDS = [
  'username',
  'password',
  'remember',
  'code',
  'codeVerifier',
  'redirectUri',
  'latencyMs',
  'accessTokenTtlSec',
  'signingAlg',
  'request',
  'decision',
]

const body = mostly(
  fc
    .dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 4 })
    .map((object) => JSON.stringify(object)),
  fc.oneof(
    fc.constant(undefined),
    fc.json({ maxDepth: 2 }),
    ascii(64),
    fc.constantFrom(...SIZES).map((size) => JSON.stringify({ username: 'x'.repeat(size) })),
    fc.constantFrom(...SIZES).map((size) => 'x'.repeat(size)),
  ),
)

const contentType = mostly(
  fc.constant('application/json'),
  fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ),
    ascii(30),
  ),
)

/** `valid` and `revoked` stand for a real credential of this run, filled in when sent. */
const credential = mostly(
  fc.constant('valid'),
  fc.oneof(
    fc.constantFrom('none', 'revoked'),
    ascii(60),
    fc.constantFrom(...SIZES).map((size) => 'A'.repeat(Math.min(size, 8 * 1024))),
  ),
)

const segment = mostly(
  fc.constantFrom('valid-session', 'parasite-2019', 'google', 'naver'),
  fc.oneof(
    ascii(20),
    fc.constantFrom('', '.', '..', '%00'),
    fc.constantFrom(...SIZES).map((size) => 'a'.repeat(Math.min(size, 4 * 1024))),
  ),
)

const plan = fc.record({
  route: fc.constantFrom(...ROUTES),
  otherMethod: mostly(fc.constant(undefined), fc.constantFrom(...METHODS)),
  segment,
  query: fc.option(ascii(80), { nil: undefined }),
  body,
  contentType,
  xhr: mostly(fc.constant(true), fc.constant(false)),
  origin: mostly(fc.constant(undefined), fc.constantFrom('own', 'https://evil.example', 'null')),
  bearer: credential,
  cookie: credential,
})

type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never

interface Credentials {
  live: SignedIn
  revoked: SignedIn
}

function fill(value: string, kind: 'access' | 'refresh', credentials: Credentials): string {
  const pick = (signedIn: SignedIn) =>
    kind === 'access' ? signedIn.accessToken : signedIn.refreshToken
  if (value === 'valid') return pick(credentials.live)
  if (value === 'revoked') return pick(credentials.revoked)
  return value
}

function send(request: Plan, credentials: Credentials): Promise<Response> {
  const method = request.otherMethod ?? request.route[0]
  const segment =
    request.segment === 'valid-session'
      ? credentials.live.sessionId
      : encodeURIComponent(request.segment)
  const path = request.route[1].replace(':seg', segment)
  const headers = new Headers()
  if (request.xhr) headers.set('X-Requested-With', 'XMLHttpRequest')
  if (request.contentType !== undefined) headers.set('Content-Type', request.contentType)
  if (request.origin !== undefined) {
    headers.set('Origin', request.origin === 'own' ? serverOrigin() : request.origin)
  }
  if (request.bearer !== 'none') {
    headers.set('Authorization', `Bearer ${fill(request.bearer, 'access', credentials)}`)
  }
  if (request.cookie !== 'none') {
    headers.set('Cookie', `${REFRESH_COOKIE}=${fill(request.cookie, 'refresh', credentials)}`)
  }
  const query = request.query === undefined ? '' : `?${encodeURIComponent(request.query)}`
  const withBody = method !== 'GET' && method !== 'HEAD' && request.body !== undefined
  return fetch(`${serverOrigin()}${path}${query}`, {
    method,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(DEADLINE_MS),
    ...(withBody && request.body !== undefined ? { body: request.body } : {}),
  })
}

/** What a refused request must leave as it was, read through the API with the live token. */
async function snapshot(credentials: Credentials) {
  const token = credentials.live.accessToken
  const get = (path: string) =>
    fetch(`${serverOrigin()}${path}`, { headers: { Authorization: `Bearer ${token}` } })
  const { loginCalls, refreshCalls, rejectedAccessTokens, ...stats } = await getStats()
  void [loginCalls, refreshCalls, rejectedAccessTokens] // counted for refused calls too, by design
  return {
    stats,
    config: await getConfig(),
    me: await expectJson(await get('/api/me'), 200, userSchema),
    sessions: await expectJson(await get('/api/auth/sessions'), 200, sessionSchema.array()),
    watchlist: await expectJson(await get('/api/me/watchlist'), 200, movieSchema.array()),
  }
}

async function freshCredentials(): Promise<Credentials> {
  resetDb()
  const revoked = await login()
  await fetch(`${serverOrigin()}/api/auth/logout`, {
    method: 'POST',
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      Cookie: `${REFRESH_COOKIE}=${revoked.refreshToken}`,
    },
  })
  return { live: await login(), revoked }
}

mockOnly('lab').describe('every endpoint under arbitrary input', () => {
  it('never answers 5xx, always answers in time, and changes nothing when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (request) => {
        const credentials = await freshCredentials()
        const before = await snapshot(credentials)

        const response = await send(request, credentials)
        await response.arrayBuffer()

        expect(response.status).toBeLessThan(500)
        if (response.status < 400) return
        for (const header of response.headers.getSetCookie()) {
          const cookie = parseSetCookie(header)
          expect(cookie.value).toBe('')
          expect(cookie.attributes.get('max-age')).toBe('0')
        }
        expect(await snapshot(credentials)).toEqual(before)
      }),
      { seed: SEED, numRuns: RUNS },
    )
  }, 120_000)
})
