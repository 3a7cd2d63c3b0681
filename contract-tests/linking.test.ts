import { describe, expect, it } from 'vitest'
import { db } from '../mocks/backend/db.ts'
import {
  ALICE,
  call,
  DEMO,
  expectJson,
  expectNoSetCookie,
  expectProblem,
  getStats,
  login,
  mockOnly,
  postLogin,
  postRefresh,
  sessionSchema,
  setServerClock,
  useMockServer,
  userSchema,
} from './client.ts'
import {
  DEMO_AT,
  exchange,
  exchangeGrant,
  expectAccountExists,
  GOOGLE_UNVERIFIED,
  KAKAO_NO_LONGER_VALID,
  KAKAO_UNVERIFIED_ALICE_EMAIL,
  linkTokenFor,
  NAVER_ALICE_EMAIL,
  NEW_AT,
  obtainCode,
  PROVIDERS,
  signInWith,
  type Provider,
} from './oauth-flow.ts'

/**
 * Contract v1.2: a provider's email never links an account by itself. The existing account's
 * owner links it by signing in with the `linkToken` of the `409 account_exists`.
 */

useMockServer()

const expectLinkInvalid = async (response: Response) => {
  await expectProblem(response, 400, 'link_invalid')
  expectNoSetCookie(response)
}

mockOnly('mock-providers').describe('POST /api/auth/oauth/:provider: no silent linking', () => {
  it.each(PROVIDERS)(
    'answers 409 account_exists for a %s account with demo’s email, and signs no one in',
    async (provider) => {
      const response = await exchangeGrant(provider, await obtainCode(provider, DEMO_AT[provider]))

      const problem = await expectAccountExists(response)
      expect(problem).toMatchObject({ provider, email: 'demo@reel.example' })
      expect(db.users.get('u_demo')?.linked).toEqual({})
      expect(db.users.size).toBe(2)
      expect((await getStats()).activeSessions).toBe(0)
    },
  )

  it('answers 409 for an email the provider does not vouch for, too', async () => {
    const problem = await expectAccountExists(
      await exchangeGrant('kakao', await obtainCode('kakao', KAKAO_UNVERIFIED_ALICE_EMAIL)),
    )
    expect(problem.email).toBe('alice@reel.example')
    expect(db.users.get('u_alice')?.linked).toEqual({})
  })

  it('keeps the session of the refresh cookie it arrives with', async () => {
    const signedIn = await login(ALICE)
    const grant = await obtainCode('naver', NAVER_ALICE_EMAIL)

    await expectAccountExists(
      await exchange(
        'naver',
        { code: grant.code, redirectUri: grant.redirectUri },
        { refreshToken: signedIn.refreshToken },
      ),
    )

    expect((await postRefresh(signedIn.refreshToken)).status).toBe(200)
  })

  it('gives every 409 its own token', async () => {
    const first = await linkTokenFor('naver', NAVER_ALICE_EMAIL)
    const second = await linkTokenFor('naver', NAVER_ALICE_EMAIL)
    expect(first).not.toBe(second)
  })

  it.each([
    ['google', NEW_AT.google, true],
    ['google', GOOGLE_UNVERIFIED, false],
    ['kakao', NEW_AT.kakao, true],
    ['kakao', KAKAO_NO_LONGER_VALID, false],
    ['naver', NEW_AT.naver, false],
  ] as [Provider, string, boolean][])(
    'creates a %s account (%s) whose email is verified only on the provider’s word: %s',
    async (provider, subject, verified) => {
      const { body } = await signInWith(provider, subject)
      expect(db.users.get(body.user.id)?.emailVerified).toBe(verified)
    },
  )
})

mockOnly('mock-providers').describe('POST /api/auth/login with a linkToken', () => {
  it('links the provider to the account the token names, which it then signs in to directly', async () => {
    const linkToken = await linkTokenFor('naver', NAVER_ALICE_EMAIL)

    const linked = await login({ ...ALICE, linkToken })

    expect(linked.body.user).toMatchObject({ id: 'u_alice', providers: ['password', 'naver'] })
    const sessions = await expectJson(
      await call('/api/auth/sessions', { token: linked.accessToken }),
      200,
      sessionSchema.array(),
    )
    expect(sessions[0]).toMatchObject({ provider: 'password', current: true })
    const { body } = await signInWith('naver', NAVER_ALICE_EMAIL)
    expect(body.user.id).toBe('u_alice')
  })

  it('finds the linked account by provider id afterwards, even after its email changed', async () => {
    await login({ ...DEMO, linkToken: await linkTokenFor('kakao', DEMO_AT.kakao) })
    const demo = db.users.get('u_demo')
    if (!demo) throw new Error('demo missing')
    demo.email = 'demo-renamed@reel.example'

    const { body } = await signInWith('kakao', DEMO_AT.kakao)

    expect(body.user).toMatchObject({ id: 'u_demo', providers: ['password', 'kakao'] })
    expect(db.users.size).toBe(2)
  })

  it('spends the token: the same token again is 400 link_invalid and signs no one in', async () => {
    const linkToken = await linkTokenFor('naver', NAVER_ALICE_EMAIL)
    await login({ ...ALICE, linkToken })

    await expectLinkInvalid(await postLogin({ ...ALICE, linkToken }))
    expect((await getStats()).activeSessions).toBe(1)
  })

  it('lets only one of two sign-ins at once spend a token', async () => {
    const linkToken = await linkTokenFor('naver', NAVER_ALICE_EMAIL)

    const statuses = await Promise.all([
      postLogin({ ...ALICE, linkToken }),
      postLogin({ ...ALICE, linkToken }),
    ]).then((responses) => responses.map((response) => response.status).sort())

    expect(statuses).toEqual([200, 400])
  })

  it('refuses a token for another account, and leaves it to that account', async () => {
    const linkToken = await linkTokenFor('naver', NAVER_ALICE_EMAIL)

    await expectLinkInvalid(await postLogin({ ...DEMO, linkToken }))
    expect((await getStats()).activeSessions).toBe(0)
    expect(db.users.get('u_demo')?.linked).toEqual({})

    expect((await login({ ...ALICE, linkToken })).body.user.providers).toContain('naver')
  })

  it('keeps the token through a wrong password, for the right one to use', async () => {
    const linkToken = await linkTokenFor('google', DEMO_AT.google)

    await expectProblem(
      await postLogin({ ...DEMO, password: 'not-the-password', linkToken }),
      401,
      'invalid_credentials',
    )

    expect((await login({ ...DEMO, linkToken })).body.user.providers).toEqual([
      'password',
      'google',
    ])
  })

  it('refuses a token after 10 minutes', async () => {
    const linkToken = await linkTokenFor('naver', NAVER_ALICE_EMAIL)
    await setServerClock(600)
    await expectLinkInvalid(await postLogin({ ...ALICE, linkToken }))
    expect(db.users.get('u_alice')?.linked).toEqual({})
  })

  it('accepts a token at 9 minutes 59 seconds', async () => {
    const linkToken = await linkTokenFor('naver', NAVER_ALICE_EMAIL)
    await setServerClock(599)
    expect((await login({ ...ALICE, linkToken })).body.user.providers).toContain('naver')
  })

  it('accepts a second token for an identity already linked to the same account', async () => {
    const first = await linkTokenFor('kakao', DEMO_AT.kakao)
    const second = await linkTokenFor('kakao', DEMO_AT.kakao)
    await login({ ...DEMO, linkToken: first })

    expect((await login({ ...DEMO, linkToken: second })).body.user.providers).toEqual([
      'password',
      'kakao',
    ])
  })

  it('refuses a token whose provider identity has meanwhile become another account’s', async () => {
    const linkToken = await linkTokenFor('naver', NAVER_ALICE_EMAIL)
    const demo = db.users.get('u_demo')
    if (!demo) throw new Error('demo missing')
    demo.linked.naver = NAVER_ALICE_EMAIL

    await expectLinkInvalid(await postLogin({ ...ALICE, linkToken }))
    expect(db.users.get('u_alice')?.linked).toEqual({})
  })
})

describe('POST /api/auth/login with a linkToken, on any backend', () => {
  it('answers 400 link_invalid for an unknown token and signs no one in', async () => {
    await expectLinkInvalid(await postLogin({ ...ALICE, linkToken: 'A'.repeat(43) }))
  })

  it('answers 401 invalid_credentials for a wrong password, whatever the token', async () => {
    const response = await postLogin({ ...ALICE, password: 'wrong-password', linkToken: 'nope' })
    await expectProblem(response, 401, 'invalid_credentials')
  })

  it('keeps the session of the refresh cookie a refused link arrives with', async () => {
    const signedIn = await login(DEMO)
    await expectLinkInvalid(
      await postLogin(
        { ...ALICE, linkToken: 'B'.repeat(43) },
        { refreshToken: signedIn.refreshToken },
      ),
    )
    expect((await postRefresh(signedIn.refreshToken)).status).toBe(200)
  })

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['longer than 128 characters', 'x'.repeat(129)],
  ])('answers 400 validation_failed when linkToken is %s', async (_, linkToken) => {
    const problem = await expectProblem(
      await postLogin({ ...ALICE, linkToken }),
      400,
      'validation_failed',
    )
    expect(problem.detail).toContain('linkToken')
  })
})

describe('User v1.2: hasPassword and passkeys', () => {
  it('says a password account has a password and no passkeys', async () => {
    const { accessToken } = await login(DEMO)
    const me = await expectJson(await call('/api/me', { token: accessToken }), 200, userSchema)
    expect(me).toMatchObject({ hasPassword: true, passkeys: 0 })
  })

  mockOnly('mock-providers').it('says an account made by a provider has no password', async () => {
    const { body } = await signInWith('google', NEW_AT.google)
    expect(body.user).toMatchObject({ hasPassword: false, passkeys: 0, providers: ['google'] })
  })
})
