import { describe, expect, it } from 'vitest'
import { db } from '../mocks/backend/db.ts'
import { providerState } from '../mocks/providers/state.ts'
import {
  call,
  expectJson,
  expectProblem,
  expectRefreshFailure,
  expectSessionRefreshCookie,
  getStats,
  mockOnly,
  login,
  postRefresh,
  serverOrigin,
  sessionSchema,
  setServerClock,
  tokenResponseSchema,
  useMockServer,
} from './client.ts'
import {
  answerConsent,
  authorize,
  authorizeUrl,
  callbackUri,
  consentRequestId,
  exchange,
  exchangeGrant,
  goodParams,
  expectInvalidGrant,
  newVerifier,
  NEW_AT,
  obtainCode,
  PROVIDERS,
  redirectTarget,
  s256,
  signInWith,
  type AuthorizeParams,
} from './oauth-flow.ts'

useMockServer()

mockOnly('mock-providers').describe('GET /api/oauth/:provider/authorize', () => {
  it.each(PROVIDERS)('shows %s’s consent page for Reel with its accounts', async (provider) => {
    const response = await authorize(provider, goodParams(provider, newVerifier()))
    const html = await response.text()

    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
    expect(response.headers.get('X-Frame-Options')).toBe('DENY')
    const csp = response.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    // The form posts here and is answered with a redirect to the callback, on the app's origin.
    expect(csp).toContain(`form-action 'self' ${new URL(callbackUri(provider)).origin};`)
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/)
    expect(html).not.toContain('<script')
    expect(html).toContain('<strong>Reel</strong>')
    expect(html).toContain('Agree and continue')
    expect(html).toContain('Cancel')
    expect(html).toContain('demo@reel.example')
    expect(html).toContain('lang="en"')
    expect(providerState.authorizationRequests.size).toBe(1)
  })

  it('speaks Korean to a browser that prefers it, and to a lang=ko request', async () => {
    const params = goodParams('naver', newVerifier())
    const byHeader = await (
      await call(authorizeUrl('naver', params), {
        xhr: false,
        redirect: 'manual',
        headers: { 'Accept-Language': 'ko-KR,ko;q=0.9,en;q=0.8' },
      })
    ).text()
    expect(byHeader).toContain('<html lang="ko">')
    expect(byHeader).toContain('동의하고 계속하기')
    expect(byHeader).not.toContain('Agree and continue')
    expect(byHeader).toContain('이서연')

    const google = goodParams('google', newVerifier())
    const byQuery = await (await authorize('google', { ...google, lang: 'ko' })).text()
    expect(byQuery).toContain('Google 계정으로 로그인')
  })

  it('speaks English when the browser prefers English, whatever the provider', async () => {
    const html = await (
      await call(authorizeUrl('kakao', goodParams('kakao', newVerifier())), {
        xhr: false,
        redirect: 'manual',
        headers: { 'Accept-Language': 'en-GB,ko;q=0.5' },
      })
    ).text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('Sign in with Kakao Account')
    expect(html).not.toContain('카카오계정으로 로그인')
  })

  it('names the other registered app on its own requests', async () => {
    const params = {
      ...goodParams('google', newVerifier()),
      client_id: 'reel-tv',
      redirect_uri: `${serverOrigin()}/tv/callback/google`,
    }
    expect(await (await authorize('google', params)).text()).toContain(
      '<strong>Reel for TV</strong>',
    )
  })

  const refusals: [string, (origin: string) => AuthorizeParams, string][] = [
    ['the redirect URI is missing', () => ({ redirect_uri: undefined }), 'invalid_redirect_uri'],
    [
      'the redirect URI is another provider’s callback',
      (origin) => ({ redirect_uri: `${origin}/auth/callback/kakao` }),
      'invalid_redirect_uri',
    ],
    [
      'the redirect URI has a trailing slash',
      (origin) => ({ redirect_uri: `${origin}/auth/callback/google/` }),
      'invalid_redirect_uri',
    ],
    [
      'the redirect URI has a query',
      (origin) => ({ redirect_uri: `${origin}/auth/callback/google?next=/` }),
      'invalid_redirect_uri',
    ],
    [
      'the redirect URI is on another port',
      (origin) => ({ redirect_uri: `${origin.replace(/:\d+$/, ':1')}/auth/callback/google` }),
      'invalid_redirect_uri',
    ],
    [
      'the redirect URI is on another host',
      (origin) => ({
        redirect_uri: `${origin.replace('127.0.0.1', 'localhost')}/auth/callback/google`,
      }),
      'invalid_redirect_uri',
    ],
    [
      'the redirect URI is another site',
      () => ({ redirect_uri: 'https://evil.example/auth/callback/google' }),
      'invalid_redirect_uri',
    ],
    [
      'the redirect URI belongs to another registered app',
      (origin) => ({ redirect_uri: `${origin}/tv/callback/google` }),
      'invalid_redirect_uri',
    ],
    ['the client is unknown', () => ({ client_id: 'evil' }), 'invalid_client'],
    ['the client id is a prototype key', () => ({ client_id: 'constructor' }), 'invalid_client'],
    ['the response type is token', () => ({ response_type: 'token' }), 'unsupported_response_type'],
    [
      'the response type is missing',
      () => ({ response_type: undefined }),
      'unsupported_response_type',
    ],
    ['the state is missing', () => ({ state: undefined }), 'invalid_request'],
    [
      'the challenge method is plain',
      () => ({ code_challenge_method: 'plain' }),
      'invalid_request',
    ],
    [
      'the challenge method is missing',
      () => ({ code_challenge_method: undefined }),
      'invalid_request',
    ],
    ['the challenge is missing', () => ({ code_challenge: undefined }), 'invalid_request'],
    ['the challenge is not an S256 hash', () => ({ code_challenge: 'short' }), 'invalid_request'],
  ]

  it.each(refusals)(
    'answers 400 with an HTML page and no redirect when %s',
    async (_, override, error) => {
      const response = await authorize('google', {
        ...goodParams('google', newVerifier()),
        ...override(serverOrigin()),
      })
      const html = await response.text()

      expect(response.status).toBe(400)
      expect(response.headers.get('Location')).toBeNull()
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('Cache-Control')).toBe('no-store')
      expect(html).toContain(`<code>${error}</code>`)
      expect(html).not.toContain('name="request"')
      expect(providerState.authorizationRequests.size).toBe(0)
    },
  )

  it('refuses a parameter given twice', async () => {
    const url = `${authorizeUrl('google', goodParams('google', newVerifier()))}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`
    const response = await call(url, { xhr: false, redirect: 'manual' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('redirect_uri is repeated')
  })

  it('answers 404 for an unknown provider', async () => {
    const response = await authorize('facebook', goodParams('facebook', newVerifier()))
    expect(response.status).toBe(404)
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
  })

  it('escapes what it echoes, so no request can inject markup', async () => {
    const response = await authorize('google', {
      ...goodParams('google', newVerifier()),
      code_challenge: '<script>alert(1)</script>',
    })
    const html = await response.text()
    expect(html).not.toContain('<script>')
  })
})

mockOnly('mock-providers').describe('POST /api/oauth/:provider/consent', () => {
  it('redirects to the exact redirect URI with a code and the state when the person agrees', async () => {
    const params = goodParams('kakao', newVerifier())
    const request = await consentRequestId(await authorize('kakao', params))

    const response = await answerConsent('kakao', {
      request,
      decision: 'allow',
      account: NEW_AT.kakao,
    })

    const target = redirectTarget(response)
    expect(`${target.origin}${target.pathname}`).toBe(params.redirect_uri)
    expect([...target.searchParams.keys()].sort()).toEqual(['code', 'state'])
    expect(target.searchParams.get('state')).toBe(params.state)
    expect(target.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
  })

  it('redirects with error=access_denied and the state when the person cancels', async () => {
    const params = goodParams('naver', newVerifier())
    const request = await consentRequestId(await authorize('naver', params))

    const target = redirectTarget(await answerConsent('naver', { request, decision: 'deny' }))

    expect(Object.fromEntries(target.searchParams)).toEqual({
      error: 'access_denied',
      state: params.state,
    })
    expect(providerState.authorizationCodes.size).toBe(0)
  })

  it('stores only a hash of the code', async () => {
    const grant = await obtainCode('google', NEW_AT.google)
    expect([...providerState.authorizationCodes.keys()]).toEqual([s256(grant.code)])
  })

  it('answers a consent page only once', async () => {
    const request = await consentRequestId(
      await authorize('google', goodParams('google', newVerifier())),
    )
    redirectTarget(await answerConsent('google', { request, decision: 'deny' }))

    const again = await answerConsent('google', {
      request,
      decision: 'allow',
      account: NEW_AT.google,
    })
    expect(again.status).toBe(400)
    expect(again.headers.get('Location')).toBeNull()
  })

  it('refuses the answer to another provider’s consent page', async () => {
    const request = await consentRequestId(
      await authorize('kakao', goodParams('kakao', newVerifier())),
    )
    const response = await answerConsent('naver', {
      request,
      decision: 'allow',
      account: NEW_AT.naver,
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('Location')).toBeNull()
  })

  it('refuses an answer after ten minutes', async () => {
    const request = await consentRequestId(
      await authorize('google', goodParams('google', newVerifier())),
    )
    await setServerClock(10 * 60 + 1)
    const response = await answerConsent('google', {
      request,
      decision: 'allow',
      account: NEW_AT.google,
    })
    expect(response.status).toBe(400)
  })

  it('refuses an account the provider does not have', async () => {
    const request = await consentRequestId(
      await authorize('google', goodParams('google', newVerifier())),
    )
    const response = await answerConsent('google', {
      request,
      decision: 'allow',
      account: NEW_AT.kakao,
    })
    expect(response.status).toBe(400)
    expect(providerState.authorizationCodes.size).toBe(0)
  })
})

describe('POST /api/auth/oauth/:provider', () => {
  mockOnly('mock-providers').describe('with each provider', () => {
    it.each(PROVIDERS)(
      'signs in with a %s code: a token response, a refresh cookie and a session with its provider',
      async (provider) => {
        const { body, response } = await signInWith(provider, NEW_AT[provider])

        expect(response.headers.get('Cache-Control')).toBe('no-store')
        expect(response.headers.getSetCookie()).toHaveLength(1)
        expect(body.user.providers).toEqual([provider])
        const sessions = await expectJson(
          await call('/api/auth/sessions', { token: body.accessToken }),
          200,
          sessionSchema.array(),
        )
        expect(sessions).toHaveLength(1)
        expect(sessions[0]).toMatchObject({ provider, current: true })
      },
    )
  })

  mockOnly('mock-providers').it(
    'creates a user for a new person, and finds that user again next time',
    async () => {
      const first = await signInWith('naver', NEW_AT.naver)
      expect(first.body.user).toMatchObject({
        displayName: '이서연',
        email: 'seoyeon.lee@naver.example',
      })
      expect(first.body.user.id).not.toMatch(/^u_(demo|alice)$/)

      const second = await signInWith('naver', NEW_AT.naver)

      expect(second.body.user.id).toBe(first.body.user.id)
      expect(db.users.size).toBe(3)
    },
  )

  mockOnly('mock-providers').it('starts a new session for every sign-in', async () => {
    const first = await signInWith('google', NEW_AT.google)
    const second = await signInWith('google', NEW_AT.google)

    expect(first.body.accessToken).not.toBe(second.body.accessToken)
    expect((await getStats()).activeSessions).toBe(2)
  })

  mockOnly('mock-providers').describe('invalid_grant, for every cause', () => {
    it('refuses an unknown code', async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      await expectInvalidGrant(
        await exchangeGrant('google', grant, { code: newVerifier() }),
        /not known/,
      )
    })

    it('refuses a code after 60 seconds', async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      await setServerClock(60)
      await expectInvalidGrant(await exchangeGrant('google', grant), /expired/)
    })

    it('accepts a code at 59 seconds', async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      await setServerClock(59)
      await expectJson(await exchangeGrant('google', grant), 200, tokenResponseSchema)
    })

    it('refuses a used code and revokes the session it was exchanged for', async () => {
      const grant = await obtainCode('kakao', NEW_AT.kakao)
      const first = await exchangeGrant('kakao', grant)
      await expectJson(first, 200, tokenResponseSchema)
      const refreshToken = /__Secure-reel_rt=([^;]+)/.exec(
        first.headers.getSetCookie()[0] ?? '',
      )?.[1]

      await expectInvalidGrant(await exchangeGrant('kakao', grant), /already used/)

      await expectRefreshFailure(await postRefresh(refreshToken), 'session_revoked')
    })

    it('signs no one in when one code is exchanged twice at once', async () => {
      const grant = await obtainCode('kakao', NEW_AT.kakao)
      const responses = await Promise.all([
        exchangeGrant('kakao', grant),
        exchangeGrant('kakao', grant),
      ])
      for (const response of responses) await expectInvalidGrant(response, /already used/)
      expect((await getStats()).activeSessions).toBe(0)
    })

    it('refuses a verifier that does not match the challenge', async () => {
      const grant = await obtainCode('kakao', NEW_AT.kakao)
      await expectInvalidGrant(
        await exchangeGrant('kakao', grant, { codeVerifier: newVerifier() }),
        /verifier does not match/,
      )
    })

    it('refuses the challenge itself as the verifier: no downgrade to plain', async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      await expectInvalidGrant(
        await exchangeGrant('google', grant, { codeVerifier: s256(grant.verifier) }),
        /verifier does not match/,
      )
    })

    it('spends the code on a failed exchange, so the right verifier cannot follow', async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      await expectInvalidGrant(
        await exchangeGrant('google', grant, { codeVerifier: newVerifier() }),
        /verifier/,
      )
      await expectInvalidGrant(await exchangeGrant('google', grant), /already used/)
    })

    it('refuses a Kakao code on the Naver endpoint (mix-up): Naver does not know it', async () => {
      const withKakaoUri = await obtainCode('kakao', NEW_AT.kakao)
      await expectInvalidGrant(await exchangeGrant('naver', withKakaoUri), /not known/)

      const withNaverUri = await obtainCode('kakao', NEW_AT.kakao)
      await expectInvalidGrant(
        await exchangeGrant('naver', withNaverUri, { redirectUri: callbackUri('naver') }),
        /not known/,
      )
    })

    it('refuses a code with another redirect URI than it was issued for', async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      await expectInvalidGrant(
        await exchangeGrant('google', grant, { redirectUri: `${grant.redirectUri}/` }),
        /redirect URI/,
      )
    })

    it('refuses a code issued to another client', async () => {
      const grant = await obtainCode('google', NEW_AT.google, {
        client_id: 'reel-tv',
        redirect_uri: `${serverOrigin()}/tv/callback/google`,
      })
      await expectInvalidGrant(await exchangeGrant('google', grant), /another client/)
    })

    it('answers every cause with the same title, so the user is told nothing an attacker could use', async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      const unknown = await expectProblem(
        await exchangeGrant('google', grant, { code: 'nope' }),
        400,
        'invalid_grant',
      )
      const wrong = await expectProblem(
        await exchangeGrant('google', grant, { codeVerifier: newVerifier() }),
        400,
        'invalid_grant',
      )
      expect(wrong.title).toBe(unknown.title)
      expect(wrong.detail).not.toBe(unknown.detail)
    })
  })

  mockOnly('mock-providers').it(
    'answers 403 csrf_check_failed without the CSRF header and spends nothing',
    async () => {
      const grant = await obtainCode('google', NEW_AT.google)
      await expectProblem(
        await exchange(
          'google',
          { code: grant.code, codeVerifier: grant.verifier, redirectUri: grant.redirectUri },
          { xhr: false },
        ),
        403,
        'csrf_check_failed',
      )
      await expectJson(await exchangeGrant('google', grant), 200, tokenResponseSchema)
    },
  )

  it.each([
    ['code is missing', { codeVerifier: 'v', redirectUri: 'r' }, 'code'],
    ['codeVerifier is missing', { code: 'c', redirectUri: 'r' }, 'codeVerifier'],
    [
      'redirectUri is not a string',
      { code: 'c', codeVerifier: 'v', redirectUri: 1 },
      'redirectUri',
    ],
    ['code is empty', { code: '', codeVerifier: 'v', redirectUri: 'r' }, 'code'],
  ])('answers 400 validation_failed when %s', async (_, body, field) => {
    const problem = await expectProblem(await exchange('google', body), 400, 'validation_failed')
    expect(problem.detail).toContain(field)
  })

  it('answers 400 validation_failed for a body that is not JSON', async () => {
    const response = await call('/api/auth/oauth/google', {
      method: 'POST',
      body: 'code=x',
      headers: { 'Content-Type': 'application/json' },
    })
    await expectProblem(response, 400, 'validation_failed')
  })

  it('answers 404 not_found for an unknown provider', async () => {
    await expectProblem(
      await exchange('facebook', { code: 'c', codeVerifier: 'v', redirectUri: 'r' }),
      404,
      'not_found',
    )
  })

  mockOnly('lab').it('forgets every code on a lab reset', async () => {
    await obtainCode('google', NEW_AT.google)
    expect(providerState.authorizationCodes.size).toBe(1)
    await call('/api/__lab/reset', { method: 'POST' })
    expect(providerState.authorizationCodes.size).toBe(0)
  })
})

describe('POST /api/auth/oauth/:provider and the session it replaces', () => {
  mockOnly('mock-providers').it(
    'revokes the session of a valid refresh cookie sent along with the code',
    async () => {
      const signedIn = await login()
      const grant = await obtainCode('google', NEW_AT.google)

      const response = await exchange(
        'google',
        { code: grant.code, codeVerifier: grant.verifier, redirectUri: grant.redirectUri },
        { refreshToken: signedIn.refreshToken },
      )

      await expectJson(response, 200, tokenResponseSchema)
      await expectRefreshFailure(await postRefresh(signedIn.refreshToken), 'session_revoked')
      await expectProblem(
        await call('/api/me', { token: signedIn.accessToken }),
        401,
        'token_invalid',
      )
    },
  )

  mockOnly('mock-providers').it('keeps the cookie’s session when the exchange fails', async () => {
    const signedIn = await login()
    const grant = await obtainCode('google', NEW_AT.google)

    const response = await exchange(
      'google',
      { code: grant.code, codeVerifier: newVerifier(), redirectUri: grant.redirectUri },
      { refreshToken: signedIn.refreshToken },
    )

    await expectProblem(response, 400, 'invalid_grant')
    expect((await postRefresh(signedIn.refreshToken)).status).toBe(200)
  })

  mockOnly('mock-providers').it(
    'gives remember: false a browser-session cookie and at most 12 hours',
    async () => {
      const grant = await obtainCode('kakao', NEW_AT.kakao)
      const response = await exchange('kakao', {
        code: grant.code,
        codeVerifier: grant.verifier,
        redirectUri: grant.redirectUri,
        remember: false,
      })

      const body = await expectJson(response, 200, tokenResponseSchema)
      expectSessionRefreshCookie(response)
      expect(Date.parse(body.sessionExpiresAt) - Date.now()).toBeLessThanOrEqual(12 * 3600 * 1000)
    },
  )
})
