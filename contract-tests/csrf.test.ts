import { describe, expect, it } from 'vitest'
import {
  againstMock,
  call,
  DEMO,
  expectJson,
  expectNoSetCookie,
  expectProblem,
  getConfig,
  getStats,
  login,
  refresh,
  serverOrigin,
  sessionSchema,
  useMockServer,
  type CallOptions,
  type SignedIn,
  mockOnly,
} from './client.ts'

useMockServer()

interface UnsafeRoute {
  name: string
  path: (signedIn: SignedIn) => string
  options: (signedIn: SignedIn) => CallOptions
  okStatus: number
}

/** Every unsafe route under /api/auth/ (social sign-in aside), with the credentials it needs. */
const unsafeRoutes: UnsafeRoute[] = [
  {
    name: 'POST /api/auth/login',
    path: () => '/api/auth/login',
    options: () => ({ method: 'POST', json: DEMO }),
    okStatus: 200,
  },
  {
    name: 'POST /api/auth/refresh',
    path: () => '/api/auth/refresh',
    options: (signedIn) => ({ method: 'POST', refreshToken: signedIn.refreshToken }),
    okStatus: 200,
  },
  {
    name: 'POST /api/auth/logout',
    path: () => '/api/auth/logout',
    options: (signedIn) => ({ method: 'POST', refreshToken: signedIn.refreshToken }),
    okStatus: 204,
  },
  {
    name: 'POST /api/auth/logout-all',
    path: () => '/api/auth/logout-all',
    options: (signedIn) => ({ method: 'POST', token: signedIn.accessToken }),
    okStatus: 204,
  },
  {
    name: 'DELETE /api/auth/sessions/:id',
    path: (signedIn) => `/api/auth/sessions/${signedIn.sessionId}`,
    options: (signedIn) => ({ method: 'DELETE', token: signedIn.accessToken }),
    okStatus: 204,
  },
]

/** The same request with its body sent under a content type a cross-site form can use. */
function withFormBody(options: CallOptions, contentType: string, body: string): CallOptions {
  const sent: CallOptions = {
    ...options,
    body,
    headers: { ...options.headers, 'Content-Type': contentType },
  }
  delete sent.json
  return sent
}

const refusals: Array<[string, (options: CallOptions) => CallOptions]> = [
  ['without X-Requested-With', (options) => ({ ...options, xhr: false })],
  [
    'with an X-Requested-With other than XMLHttpRequest',
    (options) => ({ ...options, headers: { 'X-Requested-With': 'fetch' } }),
  ],
  [
    'with a text/plain body',
    (options) => withFormBody(options, 'text/plain', JSON.stringify(options.json ?? {})),
  ],
  [
    'with a form-encoded body',
    (options) =>
      withFormBody(options, 'application/x-www-form-urlencoded', 'username=demo&password=x'),
  ],
  [
    'from a foreign Origin',
    (options) => ({ ...options, headers: { Origin: 'https://evil.example' } }),
  ],
  ['from an opaque Origin (null)', (options) => ({ ...options, headers: { Origin: 'null' } })],
  [
    'from the same host on another port',
    (options) => ({ ...options, headers: { Origin: 'http://127.0.0.1:1' } }),
  ],
]

/**
 * What a refused request must not change: sessions, the caller's refresh token, and the lab's
 * counters where there is a lab (a real backend has none).
 */
async function snapshot(signedIn: SignedIn) {
  const sessions = await expectJson(
    await call('/api/auth/sessions', { token: signedIn.accessToken }),
    200,
    sessionSchema.array(),
  )
  return { stats: againstMock ? await getStats() : null, sessions }
}

describe('CSRF protection of /api/auth/*', () => {
  describe.each(unsafeRoutes)('$name', (route) => {
    it.each(refusals)(
      'answers 403 csrf_check_failed %s, sets no cookie and changes nothing',
      async (_, vary) => {
        const signedIn = await login()
        const before = await snapshot(signedIn)

        const response = await call(route.path(signedIn), vary(route.options(signedIn)))

        const problem = await expectProblem(response, 403, 'csrf_check_failed')
        expect(problem.title).not.toBe('')
        expectNoSetCookie(response)
        expect(await snapshot(signedIn)).toEqual(before)
        // Neither rotated nor revoked: the refresh token is still the current one.
        await refresh(signedIn.refreshToken)
      },
    )

    it('accepts the request from the app’s own Origin', async () => {
      const signedIn = await login()
      const options = route.options(signedIn)
      const response = await call(route.path(signedIn), {
        ...options,
        headers: { Origin: serverOrigin() },
      })
      expect(response.status, await response.clone().text()).toBe(route.okStatus)
    })
  })

  mockOnly('lab').it(
    'does not count a refused sign-in as a login call, a session or a failure',
    async () => {
      for (let attempt = 0; attempt < 6; attempt++) {
        const response = await call('/api/auth/login', {
          method: 'POST',
          json: { username: DEMO.username, password: 'wrong' },
          xhr: false,
        })
        await expectProblem(response, 403, 'csrf_check_failed')
      }
      const stats = await getStats()
      expect(stats.loginCalls).toBe(0)
      expect(stats.activeSessions).toBe(0)
      // Six refused wrong passwords did not trip the throttle.
      await login()
    },
  )

  it('accepts a JSON body whose content type carries a charset', async () => {
    const response = await call('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify(DEMO),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    })
    expect(response.status).toBe(200)
  })

  it('reads the media type case-insensitively', async () => {
    const response = await call('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify(DEMO),
      headers: { 'Content-Type': 'Application/JSON' },
    })
    expect(response.status).toBe(200)
  })

  it('does not ask for X-Requested-With on a safe method', async () => {
    const signedIn = await login()
    const response = await call('/api/auth/sessions', { token: signedIn.accessToken, xhr: false })
    expect(response.status).toBe(200)
  })
})

/** The unsafe lab routes, each with a body it accepts. */
const unsafeLabRoutes: Array<{ name: string; path: string; options: CallOptions }> = [
  {
    name: 'PATCH /api/__lab/config',
    path: '/api/__lab/config',
    options: { method: 'PATCH', json: { latencyMs: 1000 } },
  },
  { name: 'POST /api/__lab/reset', path: '/api/__lab/reset', options: { method: 'POST' } },
]

mockOnly('lab').describe('CSRF protection of /api/__lab/*', () => {
  describe.each(unsafeLabRoutes)('$name', (route) => {
    it.each(refusals)('answers 403 csrf_check_failed %s and changes nothing', async (_, vary) => {
      const signedIn = await login()
      const before = { ...(await snapshot(signedIn)), config: await getConfig() }

      const response = await call(route.path, vary(route.options))

      await expectProblem(response, 403, 'csrf_check_failed')
      expectNoSetCookie(response)
      expect({ ...(await snapshot(signedIn)), config: await getConfig() }).toEqual(before)
    })

    it('accepts the request with the header, a JSON body and the app’s own Origin', async () => {
      const response = await call(route.path, {
        ...route.options,
        headers: { Origin: serverOrigin() },
      })
      expect(response.status, await response.clone().text()).toBeLessThan(300)
    })
  })

  it('does not ask for X-Requested-With on a safe lab method', async () => {
    expect((await call('/api/__lab/stats', { xhr: false })).status).toBe(200)
    expect((await call('/api/__lab/config', { xhr: false })).status).toBe(200)
  })
})
