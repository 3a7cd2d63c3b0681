import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { tokenResponseSchema, userSchema } from '../../contract/auth.ts'
import { labConfigSchema, labStatsSchema } from '../../contract/lab.ts'
import { moviePageSchema, movieSchema, watchlistSchema } from '../../contract/movies.ts'
import { PROBLEM_CODES } from '../../contract/problem-codes.ts'
import { problemSchema } from '../../contract/problem.ts'
import { providerConfigSchema } from '../../contract/providers.ts'
import { deviceSessionListSchema } from '../../contract/sessions.ts'
import { call, DEMO, postLogin, postRefresh, useMockServer } from '../../contract-tests/client.ts'

useMockServer()

/** The body of a response, which must parse with the contract module's schema. */
async function bodyOf<S extends z.core.$ZodType>(response: Response, schema: S) {
  const result = z.safeParse(schema, await response.json())
  if (!result.success) throw new Error(z.prettifyError(result.error))
  return result.data
}

function refreshCookieOf(response: Response): string {
  const match = /__Secure-reel_rt=([^;]+)/.exec(response.headers.get('Set-Cookie') ?? '')
  if (!match?.[1]) throw new Error('no refresh cookie')
  return match[1]
}

// The app parses with these schemas; the mock is held to them here, so the two cannot drift.
describe('the mock backend sends what the contract module describes', () => {
  it('answers sign-in and refresh with token responses', async () => {
    const login = await postLogin(DEMO)
    const signedIn = await bodyOf(login, tokenResponseSchema)
    expect(signedIn.sessionExpiresAt).toBeDefined()
    await bodyOf(await postRefresh(refreshCookieOf(login)), tokenResponseSchema)
  })

  it('answers every resource with its documented shape', async () => {
    const { accessToken: token } = await bodyOf(await postLogin(DEMO), tokenResponseSchema)
    await bodyOf(await call('/api/me', { token }), userSchema)
    const page = await bodyOf(await call('/api/movies?query=&page=1', { token }), moviePageSchema)
    const movie = page.items[0]
    if (!movie) throw new Error('the seed has no movies')
    await bodyOf(await call(`/api/movies/${movie.id}`, { token }), movieSchema)
    await call(`/api/me/watchlist/${movie.id}`, { token, method: 'PUT' })
    const watchlist = await bodyOf(await call('/api/me/watchlist', { token }), watchlistSchema)
    expect(watchlist.map(({ id }) => id)).toContain(movie.id)
    const sessions = await bodyOf(
      await call('/api/auth/sessions', { token }),
      deviceSessionListSchema,
    )
    expect(sessions.every((session) => session.expiresAt !== undefined)).toBe(true)
    const providers = await bodyOf(await call('/api/auth/providers'), z.array(providerConfigSchema))
    expect(providers.map((provider) => provider.id)).toEqual(['google', 'kakao', 'naver'])
  })

  it('answers the lab with the whole config and the counters', async () => {
    await bodyOf(await call('/api/__lab/config'), labConfigSchema)
    await bodyOf(await call('/api/__lab/stats'), labStatsSchema)
  })

  it('refuses with problem details whose code the contract names', async () => {
    const refusals = [
      await call('/api/me'),
      await postLogin({ username: 'demo' }),
      await postLogin({ ...DEMO, password: 'wrong-password-1' }),
      await postRefresh(),
      await call('/api/movies/no-such-movie', {
        token: (await bodyOf(await postLogin(DEMO), tokenResponseSchema)).accessToken,
      }),
      await call('/api/auth/login', { method: 'GET' }),
    ]
    for (const response of refusals) {
      const problem = await bodyOf(response, problemSchema)
      expect(PROBLEM_CODES).toContain(problem.code)
      expect(problem.status).toBe(response.status)
    }
  })
})
