import { expect, it } from 'vitest'
import { z } from 'zod'
import { call, mockOnly, serverOrigin, setServerClock, useMockServer } from './client.ts'
import {
  newVerifier,
  NEW_AT,
  obtainCode,
  PROVIDERS,
  s256,
  type Grant,
  type Provider,
} from './oauth-flow.ts'

/**
 * The mock providers' token and user-info endpoints, as a backend meets them: form-encoded token
 * requests, each provider's own response shapes and error conventions, and every rule that keeps
 * a code or a token from being used by anyone but the app it was issued to.
 */

useMockServer()

const REEL_SECRET = 'reel-mock-client-secret'

type Params = Record<string, string | undefined>

/** A token request with these parameters, form-encoded in a POST unless told otherwise. */
function tokenRequest(
  provider: string,
  params: Params,
  options: { method?: 'GET' | 'POST'; contentType?: string; body?: string } = {},
): Promise<Response> {
  const form = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== undefined) form.set(name, value)
  const path = `/api/oauth/${provider}/token`
  if (options.method === 'GET') return call(`${path}?${form}`, { xhr: false })
  return call(path, {
    method: 'POST',
    xhr: false,
    body: options.body ?? form.toString(),
    headers: { 'Content-Type': options.contentType ?? 'application/x-www-form-urlencoded' },
  })
}

/** The parameters Reel's backend sends for this grant, as the provider's documentation lists. */
function goodTokenParams(provider: Provider, grant: Grant): Params {
  const common = {
    grant_type: 'authorization_code',
    client_id: 'reel',
    client_secret: REEL_SECRET,
    code: grant.code,
  }
  return provider === 'naver'
    ? { ...common, state: grant.state }
    : { ...common, redirect_uri: grant.redirectUri, code_verifier: grant.verifier }
}

async function newGrant(provider: Provider): Promise<Grant> {
  return obtainCode(provider, NEW_AT[provider])
}

const tokenSchema = z.looseObject({ access_token: z.string().min(20) })

async function accessTokenFor(provider: Provider, grant?: Grant): Promise<string> {
  const response = await tokenRequest(
    provider,
    goodTokenParams(provider, grant ?? (await newGrant(provider))),
  )
  expect(response.status).toBe(200)
  return tokenSchema.parse(await response.json()).access_token
}

function userInfo(provider: string, token?: string): Promise<Response> {
  return call(`/api/oauth/${provider}/userinfo`, {
    xhr: false,
    ...(token === undefined ? {} : { token }),
  })
}

const errorSchema = z.looseObject({ error: z.string(), error_description: z.string() })

/**
 * Asserts a refusal the provider's way: Google and Kakao with the RFC 6749 status (401 for the
 * client, else 400), Kakao adding its KOE code, Naver always with 200.
 */
async function expectTokenError(
  provider: Provider,
  response: Response,
  expected: { error: string; status: 400 | 401; description?: RegExp; kakaoCode?: string },
) {
  const body = await response.json()
  expect(response.status).toBe(provider === 'naver' ? 200 : expected.status)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  const error = errorSchema.parse(body)
  expect(error.error).toBe(expected.error)
  if (expected.description) expect(error.error_description).toMatch(expected.description)
  if (provider === 'kakao') expect(body).toMatchObject({ error_code: expected.kakaoCode })
  expect(body).not.toHaveProperty('access_token')
}

mockOnly('mock-providers').describe('token endpoints: what they issue', () => {
  it('issues Google’s shape: a Bearer token, its lifetime in seconds and the scope', async () => {
    const response = await tokenRequest(
      'google',
      goodTokenParams('google', await newGrant('google')),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.json()).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expires_in: 3599,
      scope: 'openid email profile',
      token_type: 'Bearer',
    })
  })

  it('issues Kakao’s shape: a bearer token with a refresh token and both lifetimes', async () => {
    const response = await tokenRequest('kakao', goodTokenParams('kakao', await newGrant('kakao')))
    expect(await response.json()).toEqual({
      token_type: 'bearer',
      access_token: expect.any(String),
      expires_in: 21599,
      refresh_token: expect.any(String),
      refresh_token_expires_in: 5183999,
      scope: 'account_email profile_nickname',
    })
  })

  it('issues Naver’s shape: its lifetime as a string', async () => {
    const response = await tokenRequest('naver', goodTokenParams('naver', await newGrant('naver')))
    expect(await response.json()).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'bearer',
      expires_in: '3600',
    })
  })

  it('accepts Naver’s token request as a GET with the parameters in the query, as its guide shows', async () => {
    const grant = await newGrant('naver')
    const response = await tokenRequest('naver', goodTokenParams('naver', grant), { method: 'GET' })
    expect(response.status).toBe(200)
    expect(tokenSchema.safeParse(await response.json()).success).toBe(true)
  })

  it('lets Kakao exchange a code without the client secret, which Kakao makes optional', async () => {
    const params = {
      ...goodTokenParams('kakao', await newGrant('kakao')),
      client_secret: undefined,
    }
    expect((await tokenRequest('kakao', params)).status).toBe(200)
  })
})

mockOnly('mock-providers').describe(
  'token endpoints: the code is single-use and short-lived',
  () => {
    it.each(PROVIDERS)(
      '%s refuses a code exchanged before, and revokes the token it was exchanged for',
      async (provider) => {
        const grant = await newGrant(provider)
        const first = await accessTokenFor(provider, grant)

        await expectTokenError(
          provider,
          await tokenRequest(provider, goodTokenParams(provider, grant)),
          {
            error: 'invalid_grant',
            status: 400,
            description: /already used/,
            kakaoCode: 'KOE320',
          },
        )
        expect((await userInfo(provider, first)).status).toBe(401)
      },
    )

    it.each(PROVIDERS)('%s refuses a code after 60 seconds', async (provider) => {
      const grant = await newGrant(provider)
      await setServerClock(60)
      await expectTokenError(
        provider,
        await tokenRequest(provider, goodTokenParams(provider, grant)),
        {
          error: 'invalid_grant',
          status: 400,
          description: /expired/,
          kakaoCode: 'KOE320',
        },
      )
    })

    it('accepts a code at 59 seconds', async () => {
      const grant = await newGrant('kakao')
      await setServerClock(59)
      expect((await tokenRequest('kakao', goodTokenParams('kakao', grant))).status).toBe(200)
    })

    it.each(PROVIDERS)('%s does not know a code that is not its own', async (provider) => {
      const other: Provider = provider === 'google' ? 'kakao' : 'google'
      const grant = await newGrant(other)
      const params = { ...goodTokenParams(provider, grant), redirect_uri: grant.redirectUri }
      await expectTokenError(provider, await tokenRequest(provider, params), {
        error: 'invalid_grant',
        status: 400,
        description: /not known/,
        kakaoCode: 'KOE320',
      })
    })

    it('spends a code on a refused exchange, so the right verifier cannot follow', async () => {
      const grant = await newGrant('google')
      const wrong = { ...goodTokenParams('google', grant), code_verifier: newVerifier() }
      expect((await tokenRequest('google', wrong)).status).toBe(400)
      await expectTokenError(
        'google',
        await tokenRequest('google', goodTokenParams('google', grant)),
        {
          error: 'invalid_grant',
          status: 400,
          description: /already used/,
        },
      )
    })
  },
)

mockOnly('mock-providers').describe('token endpoints: the redirect URI must be the code’s', () => {
  it('Google refuses another redirect URI with redirect_uri_mismatch', async () => {
    const grant = await newGrant('google')
    const params = { ...goodTokenParams('google', grant), redirect_uri: `${grant.redirectUri}/` }
    await expectTokenError('google', await tokenRequest('google', params), {
      error: 'redirect_uri_mismatch',
      status: 400,
      description: /redirect URI/,
    })
  })

  it('Kakao refuses another redirect URI as invalid_grant KOE303', async () => {
    const grant = await newGrant('kakao')
    const params = { ...goodTokenParams('kakao', grant), redirect_uri: `${serverOrigin()}/x` }
    await expectTokenError('kakao', await tokenRequest('kakao', params), {
      error: 'invalid_grant',
      status: 400,
      description: /redirect URI/,
      kakaoCode: 'KOE303',
    })
  })

  it.each(['google', 'kakao'] as const)('%s requires the redirect URI', async (provider) => {
    const params = {
      ...goodTokenParams(provider, await newGrant(provider)),
      redirect_uri: undefined,
    }
    await expectTokenError(provider, await tokenRequest(provider, params), {
      error: 'invalid_request',
      status: 400,
      description: /redirect_uri/,
      kakaoCode: 'KOE001',
    })
  })
})

mockOnly('mock-providers').describe('token endpoints: PKCE at Google and Kakao', () => {
  const cases: [string, (grant: Grant) => string | undefined][] = [
    ['is missing', () => undefined],
    ['is another verifier', () => newVerifier()],
    ['is the challenge itself (no downgrade to plain)', (grant) => s256(grant.verifier)],
    ['is too short for RFC 7636', () => 'short'],
  ]
  for (const provider of ['google', 'kakao'] as const) {
    it.each(cases)(`${provider} refuses a code whose verifier %s`, async (_, verifier) => {
      const grant = await newGrant(provider)
      const params = { ...goodTokenParams(provider, grant), code_verifier: verifier(grant) }
      await expectTokenError(provider, await tokenRequest(provider, params), {
        error: 'invalid_grant',
        status: 400,
        description: /verifier does not match/,
        kakaoCode: 'KOE320',
      })
    })
  }
})

mockOnly('mock-providers').describe('token endpoints: the client authenticates', () => {
  it.each(PROVIDERS)('%s refuses a wrong client secret as invalid_client', async (provider) => {
    const params = {
      ...goodTokenParams(provider, await newGrant(provider)),
      client_secret: 'guess',
    }
    await expectTokenError(provider, await tokenRequest(provider, params), {
      error: 'invalid_client',
      status: 401,
      kakaoCode: 'KOE010',
    })
  })

  it.each(['google', 'naver'] as const)('%s requires the client secret', async (provider) => {
    const params = {
      ...goodTokenParams(provider, await newGrant(provider)),
      client_secret: undefined,
    }
    await expectTokenError(provider, await tokenRequest(provider, params), {
      error: 'invalid_request',
      status: 400,
      description: /client_secret/,
    })
  })

  it('refuses an unknown client id', async () => {
    const params = { ...goodTokenParams('google', await newGrant('google')), client_id: 'evil' }
    await expectTokenError('google', await tokenRequest('google', params), {
      error: 'invalid_client',
      status: 401,
    })
  })

  it('refuses Reel a code issued to another app of the same developer', async () => {
    const grant = await obtainCode('kakao', NEW_AT.kakao, {
      client_id: 'reel-tv',
      redirect_uri: `${serverOrigin()}/tv/callback/kakao`,
    })
    await expectTokenError('kakao', await tokenRequest('kakao', goodTokenParams('kakao', grant)), {
      error: 'invalid_grant',
      status: 400,
      description: /another client/,
      kakaoCode: 'KOE320',
    })
  })

  it('never spends a code on a request whose client failed to authenticate', async () => {
    const grant = await newGrant('google')
    const wrong = { ...goodTokenParams('google', grant), client_secret: 'guess' }
    expect((await tokenRequest('google', wrong)).status).toBe(401)
    expect((await tokenRequest('google', goodTokenParams('google', grant))).status).toBe(200)
  })
})

mockOnly('mock-providers').describe('token endpoints: state at Naver', () => {
  it('Naver requires the state, and answers its refusal with 200', async () => {
    const params = { ...goodTokenParams('naver', await newGrant('naver')), state: undefined }
    const response = await tokenRequest('naver', params)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'The parameter state is required.',
    })
  })
})

mockOnly('mock-providers').describe('token endpoints: the request itself', () => {
  it('refuses a JSON body: the token request is form-encoded', async () => {
    const grant = await newGrant('google')
    const response = await tokenRequest(
      'google',
      {},
      {
        contentType: 'application/json',
        body: JSON.stringify(goodTokenParams('google', grant)),
      },
    )
    await expectTokenError('google', response, {
      error: 'invalid_request',
      status: 400,
      description: /x-www-form-urlencoded/,
    })
  })

  it('refuses a parameter given twice', async () => {
    const grant = await newGrant('google')
    const form = new URLSearchParams(goodTokenParams('google', grant) as Record<string, string>)
    form.append('code', 'another')
    const response = await tokenRequest('google', {}, { body: form.toString() })
    await expectTokenError('google', response, {
      error: 'invalid_request',
      status: 400,
      description: /code is repeated/,
    })
  })

  it('refuses another grant type as unsupported_grant_type', async () => {
    const params = { ...goodTokenParams('kakao', await newGrant('kakao')), grant_type: 'password' }
    await expectTokenError('kakao', await tokenRequest('kakao', params), {
      error: 'unsupported_grant_type',
      status: 400,
      kakaoCode: 'KOE001',
    })
  })

  it('answers a GET to Google’s token endpoint with 405 and Allow: POST', async () => {
    const response = await tokenRequest('google', {}, { method: 'GET' })
    expect(response.status).toBe(405)
    expect(response.headers.get('Allow')).toBe('POST')
  })
})

mockOnly('mock-providers').describe('user-info endpoints', () => {
  it('describes the Google account as OpenID Connect claims', async () => {
    const response = await userInfo('google', await accessTokenFor('google'))
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.json()).toEqual({
      sub: NEW_AT.google,
      name: 'Jamie Rivera',
      picture: expect.stringMatching(/^https:\/\//),
      email: 'jamie.rivera@mail.example',
      email_verified: true,
    })
  })

  it('describes the Kakao account with a numeric id and kakao_account', async () => {
    const response = await userInfo('kakao', await accessTokenFor('kakao'))
    expect(await response.json()).toMatchObject({
      id: Number(NEW_AT.kakao),
      kakao_account: {
        profile: { nickname: '김민준' },
        email: 'minjun.kim@kakao.example',
        is_email_valid: true,
        is_email_verified: true,
      },
    })
  })

  it('describes the Naver account inside resultcode 00 and response', async () => {
    const response = await userInfo('naver', await accessTokenFor('naver'))
    expect(await response.json()).toEqual({
      resultcode: '00',
      message: 'success',
      response: {
        id: NEW_AT.naver,
        nickname: '이서연',
        name: '이서연',
        email: 'seoyeon.lee@naver.example',
      },
    })
  })

  const refusals: Record<Provider, { missing: unknown; invalid: unknown }> = {
    google: {
      missing: { error: 'invalid_request', error_description: 'Invalid Credentials' },
      invalid: { error: 'invalid_request', error_description: 'Invalid Credentials' },
    },
    kakao: {
      missing: { msg: 'this access token does not exist', code: -401 },
      invalid: { msg: 'this access token does not exist', code: -401 },
    },
    naver: {
      missing: { resultcode: '028', message: expect.stringMatching(/^Authentication header/) },
      invalid: { resultcode: '024', message: expect.stringMatching(/^Authentication failed/) },
    },
  }

  it.each(PROVIDERS)('%s answers 401 in its own shape without a Bearer token', async (provider) => {
    const response = await userInfo(provider)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual(refusals[provider].missing)
  })

  it.each(PROVIDERS)('%s answers 401 for a token it never issued', async (provider) => {
    const response = await userInfo(provider, newVerifier())
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual(refusals[provider].invalid)
  })

  it('names the invalid token in Google’s WWW-Authenticate header', async () => {
    const response = await userInfo('google', 'not-a-token')
    expect(response.headers.get('WWW-Authenticate')).toContain('error="invalid_token"')
  })

  it('refuses one provider’s token at another’s user-info endpoint', async () => {
    expect((await userInfo('naver', await accessTokenFor('kakao'))).status).toBe(401)
  })

  it('refuses a Google token after its 3599 seconds', async () => {
    const token = await accessTokenFor('google')
    await setServerClock(3599)
    expect((await userInfo('google', token)).status).toBe(401)
  })

  it('accepts a Google token within its lifetime', async () => {
    const token = await accessTokenFor('google')
    await setServerClock(3598)
    expect((await userInfo('google', token)).status).toBe(200)
  })
})
