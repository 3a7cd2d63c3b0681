import { createServer, request, type RequestListener, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { registeredAppOrigins } from '../mocks/providers/authorization-server.ts'
import {
  configureProviderTransport,
  resetProviderTransport,
} from '../mocks/backend/provider-transport.ts'
import { startProvidersServer } from '../mocks/hosts/providers-server.ts'
import {
  call,
  DEFAULT_REFRESH_MAX_AGE,
  expectJson,
  expectNoSetCookie,
  expectProblem,
  expectRefreshCookie,
  expectRefreshFailure,
  expectSessionRefreshCookie,
  getStats,
  login,
  postRefresh,
  serverOrigin,
  tokenResponseSchema,
  mockOnly,
  useMockServer,
} from './client.ts'
import {
  authorizeUrl,
  consentRequestId,
  exchange,
  exchangeGrant,
  expectInvalidGrant,
  goodParams,
  newVerifier,
  NEW_AT,
  obtainCode,
  redirectTarget,
} from './oauth-flow.ts'

/**
 * Reel's backend as the providers' client: which providers it offers, and how it exchanges a code
 * with them server to server, over HTTP, and what it makes of their refusals and failures.
 */

useMockServer()

const servers: Server[] = []

afterEach(async () => {
  resetProviderTransport()
  registeredAppOrigins.clear()
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    ),
  )
})

/** A stand-in for a provider's server that answers every request with `listener`. */
async function fakeProvider(listener: RequestListener): Promise<string> {
  const server = createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return `http://127.0.0.1:${address.port}/api/oauth/google`
}

interface SeenRequest {
  method: string
  url: string
  contentType: string | null
  authorization: string | null
  form: Record<string, string>
}

/** Records every request the backend sends a provider, and lets it through over HTTP. */
function recordProviderRequests(): SeenRequest[] {
  const seen: SeenRequest[] = []
  configureProviderTransport({
    fetch: async (request) => {
      const text = await request.clone().text()
      seen.push({
        method: request.method,
        url: request.url,
        contentType: request.headers.get('Content-Type'),
        authorization: request.headers.get('Authorization'),
        form: Object.fromEntries(new URLSearchParams(text)),
      })
      return fetch(request)
    },
  })
  return seen
}

const providerListSchema = z.array(
  z.strictObject({
    id: z.enum(['google', 'kakao', 'naver']),
    name: z.string(),
    authorizeUrl: z.string(),
    clientId: z.string(),
    scope: z.string(),
    pkce: z.boolean(),
  }),
)

mockOnly('mock-providers').describe('GET /api/auth/providers', () => {
  it('lists the three mock providers with their authorize URLs, Naver without PKCE', async () => {
    const response = await call('/api/auth/providers', { xhr: false })
    expect(await expectJson(response, 200, providerListSchema)).toEqual([
      {
        id: 'google',
        name: 'Google',
        authorizeUrl: '/api/oauth/google/authorize',
        clientId: 'reel',
        scope: 'openid email profile',
        pkce: true,
      },
      {
        id: 'kakao',
        name: 'Kakao',
        authorizeUrl: '/api/oauth/kakao/authorize',
        clientId: 'reel',
        scope: 'account_email profile_nickname',
        pkce: true,
      },
      {
        id: 'naver',
        name: 'Naver',
        authorizeUrl: '/api/oauth/naver/authorize',
        clientId: 'reel',
        scope: 'name email',
        pkce: false,
      },
    ])
  })

  it('gives the full authorize URL of a provider configured elsewhere', async () => {
    configureProviderTransport({ baseUrls: { kakao: 'http://127.0.0.1:9090/api/oauth/kakao' } })
    const list = await expectJson(await call('/api/auth/providers'), 200, providerListSchema)
    expect(list.map((provider) => provider.authorizeUrl)).toEqual([
      '/api/oauth/google/authorize',
      'http://127.0.0.1:9090/api/oauth/kakao/authorize',
      '/api/oauth/naver/authorize',
    ])
  })
})

mockOnly('mock-providers').describe(
  'POST /api/auth/oauth/:provider: the exchange, server to server',
  () => {
    it.each(['google', 'kakao'] as const)(
      'sends %s a form-encoded token request with Reel’s secret and the verifier, then asks who it is',
      async (provider) => {
        const grant = await obtainCode(provider, NEW_AT[provider])
        const seen = recordProviderRequests()

        await expectJson(await exchangeGrant(provider, grant), 200, tokenResponseSchema)

        expect(seen.map(({ method, url }) => `${method} ${url}`)).toEqual([
          `POST ${serverOrigin()}/api/oauth/${provider}/token`,
          `GET ${serverOrigin()}/api/oauth/${provider}/userinfo`,
        ])
        expect(seen[0]?.contentType).toBe('application/x-www-form-urlencoded')
        expect(seen[0]?.form).toEqual({
          grant_type: 'authorization_code',
          client_id: 'reel',
          client_secret: 'reel-mock-client-secret',
          code: grant.code,
          redirect_uri: grant.redirectUri,
          code_verifier: grant.verifier,
        })
        expect(seen[1]?.authorization).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/)
      },
    )

    it('calls its own providers at its own address, never at the Host header a client sent', async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      const seen = recordProviderRequests()
      const body = JSON.stringify({
        code: grant.code,
        codeVerifier: grant.verifier,
        redirectUri: grant.redirectUri,
      })
      const { port } = new URL(serverOrigin())
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const sent = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/auth/oauth/google',
            headers: {
              Host: 'attacker.example',
              'Content-Type': 'application/json',
              'X-Requested-With': 'XMLHttpRequest',
            },
          },
          (response) => {
            response.resume()
            resolve(response.statusCode)
          },
        )
        sent.on('error', reject)
        sent.end(body)
      })

      expect(status).toBe(200)
      expect(seen.map((call) => new URL(call.url).origin)).toEqual([serverOrigin(), serverOrigin()])
    })

    it('sends Naver its secret and a state, and no verifier even when the SPA sends one', async () => {
      const grant = await obtainCode('naver', NEW_AT.naver)
      const seen = recordProviderRequests()

      await expectJson(await exchangeGrant('naver', grant), 200, tokenResponseSchema)

      expect(seen[0]?.form).toEqual({
        grant_type: 'authorization_code',
        client_id: 'reel',
        client_secret: 'reel-mock-client-secret',
        code: grant.code,
        state: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      })
    })

    it('signs in with Naver without a codeVerifier', async () => {
      const grant = await obtainCode('naver', NEW_AT.naver)
      const response = await exchange('naver', { code: grant.code, redirectUri: grant.redirectUri })
      const body = await expectJson(response, 200, tokenResponseSchema)
      expect(body.user).toMatchObject({ displayName: '이서연', providers: ['naver'] })
    })

    it.each(['google', 'kakao'] as const)(
      'answers 400 validation_failed without a codeVerifier for %s, which uses PKCE',
      async (provider) => {
        const grant = await obtainCode(provider, NEW_AT[provider])
        const response = await exchange(provider, {
          code: grant.code,
          redirectUri: grant.redirectUri,
        })
        const problem = await expectProblem(response, 400, 'validation_failed')
        expect(problem.detail).toContain('codeVerifier')
        // Refused before the provider was asked: the code is still good.
        await expectJson(await exchangeGrant(provider, grant), 200, tokenResponseSchema)
      },
    )

    it('takes Naver’s 200 answer with an error in it for the refusal it is', async () => {
      const response = await exchange('naver', { code: newVerifier(), redirectUri: 'r' })
      await expectInvalidGrant(response, /not known/)
    })

    it('passes the provider’s own description of a refusal on as the detail', async () => {
      const grant = await obtainCode('kakao', NEW_AT.kakao)
      const response = await exchangeGrant('kakao', grant, { redirectUri: `${grant.redirectUri}x` })
      await expectInvalidGrant(
        response,
        /^The redirect URI is not the one the code was issued for\.$/,
      )
    })
  },
)

describe('POST /api/auth/oauth/:provider: the session it starts', () => {
  mockOnly('mock-providers').it(
    'gives remember: false a browser-session cookie, as login does',
    async () => {
      const grant = await obtainCode('kakao', NEW_AT.kakao)
      const response = await exchangeGrant('kakao', grant, { remember: false })
      await expectJson(response, 200, tokenResponseSchema)
      expectSessionRefreshCookie(response)
    },
  )

  mockOnly('mock-providers').it('keeps the 14-day cookie when remember is left out', async () => {
    const grant = await obtainCode('google', NEW_AT.google)
    const response = await exchangeGrant('google', grant)
    await expectJson(response, 200, tokenResponseSchema)
    expect(expectRefreshCookie(response).maxAge).toBe(DEFAULT_REFRESH_MAX_AGE)
  })

  mockOnly('mock-providers').it(
    'revokes the session of the valid refresh cookie the sign-in arrives with',
    async () => {
      const before = await login()
      const grant = await obtainCode('naver', NEW_AT.naver)
      const response = await exchange(
        'naver',
        { code: grant.code, redirectUri: grant.redirectUri },
        { refreshToken: before.refreshToken },
      )
      await expectJson(response, 200, tokenResponseSchema)

      await expectRefreshFailure(await postRefresh(before.refreshToken), 'session_revoked')
      expect((await getStats()).activeSessions).toBe(1)
    },
  )

  mockOnly('mock-providers').it(
    'answers 400 validation_failed when remember is not a boolean',
    async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      const problem = await expectProblem(
        await exchangeGrant('google', grant, { remember: 'yes' }),
        400,
        'validation_failed',
      )
      expect(problem.detail).toContain('remember')
    },
  )
})

mockOnly('mock-providers').describe('POST /api/auth/oauth/:provider: a provider that fails', () => {
  async function expectUnavailable(response: Response): Promise<void> {
    const problem = await expectProblem(response, 502, 'provider_unavailable')
    expect(problem.detail).toMatch(/^The google sign-in service failed\./)
    expectNoSetCookie(response)
    expect((await getStats()).activeSessions).toBe(0)
  }

  async function exchangeWith(baseUrl: string): Promise<Response> {
    const grant = await obtainCode('google', NEW_AT.google)
    configureProviderTransport({ baseUrls: { google: baseUrl } })
    return exchangeGrant('google', grant)
  }

  it('answers 502 provider_unavailable when the provider cannot be reached', async () => {
    const baseUrl = await fakeProvider((_, res) => res.end())
    const closing = servers.pop()
    await new Promise<void>((resolve) => closing?.close(() => resolve()))
    await expectUnavailable(await exchangeWith(baseUrl))
  })

  it('answers 502 provider_unavailable when the provider answers 503', async () => {
    const baseUrl = await fakeProvider((_, res) => {
      res.statusCode = 503
      res.end('Service Unavailable')
    })
    await expectUnavailable(await exchangeWith(baseUrl))
  })

  it('answers 502 provider_unavailable when the token response is not JSON', async () => {
    const baseUrl = await fakeProvider((_, res) => {
      res.setHeader('Content-Type', 'text/html')
      res.end('<html>maintenance</html>')
    })
    await expectUnavailable(await exchangeWith(baseUrl))
  })

  it('answers 502 provider_unavailable when the token response has no token', async () => {
    const baseUrl = await fakeProvider((_, res) => {
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({ token_type: 'Bearer' }))
    })
    await expectUnavailable(await exchangeWith(baseUrl))
  })

  it('answers 502 provider_unavailable when user info fails after a good token', async () => {
    const baseUrl = await fakeProvider((req, res) => {
      res.setHeader('Content-Type', 'application/json')
      if (req.url?.endsWith('/token')) {
        res.end(JSON.stringify({ access_token: 'a'.repeat(43), token_type: 'Bearer' }))
      } else {
        res.statusCode = 500
        res.end('{}')
      }
    })
    await expectUnavailable(await exchangeWith(baseUrl))
  })
})

describe('the providers on their own server', () => {
  mockOnly('mock-providers').it(
    'signs in through providers on another origin, the backend calling them there',
    async () => {
      const providers = await startProvidersServer({ appOrigins: [serverOrigin()] })
      servers.push(providers.server)
      const base = `${providers.origin}/api/oauth/kakao`
      const seen = recordProviderRequests()
      configureProviderTransport({ baseUrls: { kakao: base } })

      const verifier = newVerifier()
      const params = goodParams('kakao', verifier)
      const page = await fetch(`${providers.origin}${authorizeUrl('kakao', params)}`)
      const request = await consentRequestId(page)
      const consent = await fetch(`${base}/consent`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request, decision: 'allow', account: NEW_AT.kakao }),
      })
      const code = redirectTarget(consent).searchParams.get('code') ?? ''

      const response = await exchange('kakao', {
        code,
        codeVerifier: verifier,
        redirectUri: params.redirect_uri,
      })

      await expectJson(response, 200, tokenResponseSchema)
      expect(seen.map((request) => request.url)).toEqual([`${base}/token`, `${base}/userinfo`])
    },
  )

  it('refuses a redirect to an app origin it was not told about', async () => {
    const providers = await startProvidersServer()
    servers.push(providers.server)
    const params = goodParams('google', newVerifier())
    const page = await fetch(`${providers.origin}${authorizeUrl('google', params)}`)
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('<code>invalid_redirect_uri</code>')
  })
})
