import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  type CallOptions,
  ALICE,
  DEFAULT_REFRESH_MAX_AGE,
  call,
  DEMO,
  expectJson,
  expectNoSetCookie,
  expectProblem,
  expectRefreshCookie,
  expectRefreshFailure,
  getMe,
  getStats,
  login,
  postLogin,
  postRefresh,
  refresh,
  sessionSchema,
  setServerClock,
  tokenResponseSchema,
  useMockServer,
  userSchema,
  mockOnly,
  type SignedIn,
} from './client.ts'

useMockServer()

const WINDOW_SEC = 15 * 60

async function failLogin(username: string, options: CallOptions = {}): Promise<void> {
  await expectProblem(
    await postLogin({ username, password: 'wrong-password' }, options),
    401,
    'invalid_credentials',
  )
}

/** The ids of the user's active sessions, as the API lists them: no lab needed to count them. */
async function activeSessionIds(signedIn: SignedIn): Promise<string[]> {
  const sessions = await expectJson(
    await call('/api/auth/sessions', { token: signedIn.accessToken }),
    200,
    sessionSchema.array(),
  )
  return sessions.map((session) => session.id)
}

async function expectTokenInvalid(response: Response): Promise<void> {
  expect(response.headers.get('WWW-Authenticate')).toBe(
    'Bearer realm="reel", error="invalid_token"',
  )
  await expectProblem(response, 401, 'token_invalid')
}

/**
 * The username-wide limit takes fifty wrong passwords one after another, each hashed at the
 * server's production cost on a real backend (600,000 PBKDF2 rounds): more than the suite's
 * usual time for one test on a busy machine.
 */
const FIFTY_HASHES_MS = 120_000

describe('POST /api/auth/login', () => {
  it('answers 200 with a Bearer access token, its lifetime and the user', async () => {
    const response = await postLogin(DEMO)
    const body = await expectJson(response, 200, tokenResponseSchema)

    expect(body.tokenType).toBe('Bearer')
    expect(body.expiresIn).toBe(300)
    expect(body.accessToken.split('.')).toHaveLength(3)
    expect(decodeJwt(body.accessToken).sub).toBe('u_demo')
    expect(body.user).toEqual({
      id: 'u_demo',
      username: 'demo',
      displayName: 'Demo Viewer',
      email: 'demo@reel.example',
      providers: ['password'],
      hasPassword: true,
      passkeys: 0,
    })
  })

  it('marks the token response Cache-Control: no-store', async () => {
    const response = await postLogin(DEMO)
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
  })

  it('sets the refresh cookie with exactly the contract attributes and a 14-day Max-Age', async () => {
    const response = await postLogin(DEMO)
    expect(response.status).toBe(200)
    // Name, HttpOnly, Secure, SameSite=Strict, Path=/api/auth, no Domain, nothing else.
    const { maxAge } = expectRefreshCookie(response)
    expect(maxAge).toBe(DEFAULT_REFRESH_MAX_AGE)
  })

  it('starts a new session on every sign-in and revokes the session of a valid cookie sent along', async () => {
    const first = await login()
    const second = await login(DEMO, { refreshToken: first.refreshToken })

    expect(second.refreshToken).not.toBe(first.refreshToken)
    expect(second.sessionId).not.toBe(first.sessionId)
    expect(await activeSessionIds(second)).toEqual([second.sessionId])
    await expectRefreshFailure(await postRefresh(first.refreshToken), 'session_revoked')
    await expectTokenInvalid(await getMe(first.accessToken))
    await refresh(second.refreshToken)
  })

  it('replaces the cookie’s session even when another user signs in with it', async () => {
    const demo = await login()
    await login(ALICE, { refreshToken: demo.refreshToken })

    await expectRefreshFailure(await postRefresh(demo.refreshToken), 'session_revoked')
  })

  it('leaves other sessions alone when the cookie sent along is unknown or already rotated', async () => {
    const other = await login()
    const rotated = await login()
    await refresh(rotated.refreshToken)

    await login(DEMO, { refreshToken: 'A'.repeat(43) })
    await login(DEMO, { refreshToken: rotated.refreshToken })

    await expectJson(await getMe(other.accessToken), 200, userSchema)
    expect(await activeSessionIds(other)).toHaveLength(4)
  })

  it.each([
    ['a wrong password', { ...DEMO, password: 'wrong-password' }, 401],
    ['a body that fails validation', { username: DEMO.username }, 400],
  ])('keeps the session of a cookie sent along with %s', async (_, credentials, status) => {
    const signedIn = await login()
    const response = await postLogin(credentials, { refreshToken: signedIn.refreshToken })

    expect(response.status).toBe(status)
    expectNoSetCookie(response)
    await expectJson(await getMe(signedIn.accessToken), 200, userSchema)
    await refresh(signedIn.refreshToken)
  })

  describe('validation', () => {
    it('answers 400 validation_failed when the body is not JSON', async () => {
      const response = await postLogin(undefined, {
        body: 'username=demo&password=demo-password-1',
        headers: { 'Content-Type': 'application/json' },
      })
      await expectProblem(response, 400, 'validation_failed')
      expectNoSetCookie(response)
    })

    it('answers 400 validation_failed when there is no body at all', async () => {
      await expectProblem(await postLogin(undefined), 400, 'validation_failed')
    })

    it.each([
      ['username is missing', { password: DEMO.password }, 'username'],
      ['password is missing', { username: DEMO.username }, 'password'],
      ['username is not a string', { username: 42, password: DEMO.password }, 'username'],
      ['password is not a string', { username: DEMO.username, password: ['x'] }, 'password'],
      ['username is empty', { username: '', password: DEMO.password }, 'username'],
      ['password is empty', { username: DEMO.username, password: '' }, 'password'],
      ['username is over 128 characters', { username: 'u'.repeat(129), password: 'x' }, 'username'],
      [
        'password is over 128 characters',
        { username: 'demo', password: 'p'.repeat(129) },
        'password',
      ],
    ])('answers 400 validation_failed naming the field when %s', async (_, body, field) => {
      const response = await postLogin(body)
      const problem = await expectProblem(response, 400, 'validation_failed')
      expect(problem.detail).toContain(field)
      expectNoSetCookie(response)
    })

    it('accepts fields of exactly 128 characters', async () => {
      const response = await postLogin({ username: 'u'.repeat(128), password: 'p'.repeat(128) })
      await expectProblem(response, 401, 'invalid_credentials')
    })
  })

  describe('wrong credentials', () => {
    mockOnly('lab').it(
      'answers an unknown user and a wrong password with the same 401 status and body',
      async () => {
        const unknown = await postLogin({ username: 'nobody', password: DEMO.password })
        const wrong = await postLogin({ username: DEMO.username, password: 'not-the-password' })

        const unknownBody = await expectProblem(unknown, 401, 'invalid_credentials')
        const wrongBody = await expectProblem(wrong, 401, 'invalid_credentials')
        expect(wrongBody).toEqual(unknownBody)
        expect(wrong.headers.get('Content-Type')).toBe(unknown.headers.get('Content-Type'))
        expectNoSetCookie(unknown)
        expectNoSetCookie(wrong)
        expect((await getStats()).activeSessions).toBe(0)
      },
    )
  })

  describe('throttling', () => {
    mockOnly('lab').it(
      'answers the sixth attempt after five failures with 429 and Retry-After, even with the right password',
      async () => {
        for (let attempt = 0; attempt < 5; attempt++) await failLogin(DEMO.username)

        const response = await postLogin(DEMO)
        await expectProblem(response, 429, 'too_many_attempts')
        const retryAfter = response.headers.get('Retry-After')
        expect(retryAfter).toMatch(/^\d+$/)
        expect(Number(retryAfter)).toBeGreaterThan(0)
        expect(Number(retryAfter)).toBeLessThanOrEqual(WINDOW_SEC)
        expectNoSetCookie(response)
        expect((await getStats()).activeSessions).toBe(0)
      },
    )

    it('allows four failures and then a successful sign-in', async () => {
      for (let attempt = 0; attempt < 4; attempt++) await failLogin(DEMO.username)
      await login()
    })

    it('does not throttle another username', async () => {
      for (let attempt = 0; attempt < 5; attempt++) await failLogin(DEMO.username)
      await expectProblem(await postLogin(DEMO), 429, 'too_many_attempts')

      await login(ALICE)
    })

    it('throttles an unknown username exactly like a known one', async () => {
      for (let attempt = 0; attempt < 5; attempt++) await failLogin('nobody')
      await expectProblem(
        await postLogin({ username: 'nobody', password: 'x' }),
        429,
        'too_many_attempts',
      )
    })

    mockOnly('lab').it(
      'counts down Retry-After and lets the user in again once the window has passed',
      async () => {
        for (let attempt = 0; attempt < 5; attempt++) await failLogin(DEMO.username)

        await setServerClock(60)
        const later = await postLogin(DEMO)
        await expectProblem(later, 429, 'too_many_attempts')
        expect(Number(later.headers.get('Retry-After'))).toBeLessThanOrEqual(WINDOW_SEC - 60)

        await setServerClock(WINDOW_SEC + 1)
        await login()
      },
    )

    mockOnly('lab').it('forgets failures older than 15 minutes', async () => {
      for (let attempt = 0; attempt < 4; attempt++) await failLogin(DEMO.username)
      await setServerClock(WINDOW_SEC + 1)
      await failLogin(DEMO.username)

      await login()
    })

    it('counts every failure of a concurrent burst, so the next attempt is refused', async () => {
      const burst = await Promise.all(
        Array.from({ length: 10 }, () => postLogin({ username: DEMO.username, password: 'guess' })),
      )
      expect(burst.every((response) => [401, 429].includes(response.status))).toBe(true)

      await expectProblem(await postLogin(DEMO), 429, 'too_many_attempts')
    })

    it('checks at most five guesses of a concurrent burst and refuses the rest', async () => {
      const burst = await Promise.all(
        Array.from({ length: 10 }, () => postLogin({ username: DEMO.username, password: 'guess' })),
      )
      const statuses = burst.map((response) => response.status).sort()
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429])
    })

    describe('per client address', () => {
      it('lets the same username sign in from another address while the first is refused', async () => {
        for (let attempt = 0; attempt < 5; attempt++) {
          await failLogin(DEMO.username, { localAddress: '127.0.0.1' })
        }
        await expectProblem(
          await postLogin(DEMO, { localAddress: '127.0.0.1' }),
          429,
          'too_many_attempts',
        )

        await login(DEMO, { localAddress: '127.0.0.2' })
        // Signing in elsewhere does not lift the first address's refusal.
        await expectProblem(
          await postLogin(DEMO, { localAddress: '127.0.0.1' }),
          429,
          'too_many_attempts',
        )
      })

      it('ignores a forwarding header: the address is the TCP peer’s', async () => {
        for (let attempt = 0; attempt < 5; attempt++) {
          await failLogin(DEMO.username, {
            localAddress: '127.0.0.1',
            headers: { 'X-Forwarded-For': `10.0.0.${attempt}`, 'X-Real-IP': `10.0.1.${attempt}` },
          })
        }
        await expectProblem(
          await postLogin(DEMO, {
            localAddress: '127.0.0.1',
            headers: { 'X-Forwarded-For': '10.9.9.9', 'X-Real-IP': '10.9.9.9' },
          }),
          429,
          'too_many_attempts',
        )
      })

      it(
        'refuses a username from every address after 50 failures from all of them together',
        async () => {
          for (let address = 1; address <= 10; address++) {
            for (let attempt = 0; attempt < 5; attempt++) {
              await failLogin(DEMO.username, { localAddress: `127.0.1.${address}` })
            }
          }

          const fresh = await postLogin(DEMO, { localAddress: '127.0.2.1' })
          await expectProblem(fresh, 429, 'too_many_attempts')
          expect(Number(fresh.headers.get('Retry-After'))).toBeGreaterThan(0)
          expectNoSetCookie(fresh)
          await login(ALICE, { localAddress: '127.0.2.1' })
        },
        FIFTY_HASHES_MS,
      )

      it(
        'does not refuse a username everywhere after 49 failures spread over addresses',
        async () => {
          for (let attempt = 0; attempt < 49; attempt++) {
            await failLogin(DEMO.username, {
              localAddress: `127.0.1.${Math.floor(attempt / 4) + 1}`,
            })
          }

          await login(DEMO, { localAddress: '127.0.2.1' })
        },
        FIFTY_HASHES_MS,
      )

      mockOnly('lab').it(
        'lets the username in everywhere again once the 15 minutes have passed',
        async () => {
          for (let address = 1; address <= 10; address++) {
            for (let attempt = 0; attempt < 5; attempt++) {
              await failLogin(DEMO.username, { localAddress: `127.0.1.${address}` })
            }
          }
          await setServerClock(WINDOW_SEC + 1)

          await login(DEMO, { localAddress: '127.0.1.1' })
        },
      )
    })
  })
})
