import { describe, expect, it } from 'vitest'
import { call, expectProblem, login, useMockServer } from './client.ts'

useMockServer()

describe('methods and paths', () => {
  it.each([
    ['DELETE', '/api/me', 'GET'],
    ['POST', '/api/movies', 'GET'],
    ['PATCH', '/api/movies/parasite-2019', 'GET'],
    ['POST', '/api/me/watchlist/parasite-2019', 'DELETE, PUT'],
    ['GET', '/api/auth/login', 'POST'],
    ['PUT', '/api/auth/refresh', 'POST'],
    ['GET', '/api/auth/logout-others', 'POST'],
    ['POST', '/api/auth/sessions', 'GET'],
    ['GET', '/api/auth/sessions/s_any', 'DELETE'],
    ['DELETE', '/api/.well-known/jwks.json', 'GET'],
    ['POST', '/api/__lab/config', 'GET, PATCH'],
    ['GET', '/api/__lab/reset', 'POST'],
    ['GET', '/api/auth/oauth/google', 'POST'],
  ])('answers %s %s with 405 method_not_allowed and Allow: %s', async (method, path, allow) => {
    const signedIn = await login()
    const response = await call(path, {
      method,
      token: signedIn.accessToken,
      ...(method === 'GET' ? {} : { json: {} }),
    })
    await expectProblem(response, 405, 'method_not_allowed')
    expect(response.headers.get('Allow')).toBe(allow)
  })

  it.each([['GET'], ['POST']])(
    'answers %s on an unknown path under /api with 404 not_found',
    async (method) => {
      await expectProblem(await call('/api/nothing-here', { method }), 404, 'not_found')
      await expectProblem(await call('/api/auth/nothing-here', { method }), 404, 'not_found')
      await expectProblem(await call('/api/me/watchlist/a/b', { method }), 404, 'not_found')
    },
  )
})
