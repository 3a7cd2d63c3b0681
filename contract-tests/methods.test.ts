import { describe, expect, it } from 'vitest'
import { call, expectProblem, login, mockOnly, useMockServer } from './client.ts'

useMockServer()

/**
 * The methods an `Allow` header names, in any order. A backend may also list HEAD and OPTIONS,
 * which it does serve; what matters is that the served methods are there and the refused one is not.
 */
function allowed(response: Response): string[] {
  return (response.headers.get('Allow') ?? '').split(',').map((method) => method.trim())
}

async function expectMethodNotAllowed(method: string, path: string, allow: string): Promise<void> {
  const signedIn = await login()
  const response = await call(path, {
    method,
    token: signedIn.accessToken,
    ...(method === 'GET' ? {} : { json: {} }),
  })
  await expectProblem(response, 405, 'method_not_allowed')
  expect(allowed(response)).toEqual(expect.arrayContaining(allow.split(', ')))
  expect(allowed(response)).not.toContain(method)
}

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
    ['GET', '/api/auth/oauth/google', 'POST'],
  ])('answers %s %s with 405 method_not_allowed and Allow: %s', expectMethodNotAllowed)

  mockOnly('lab').describe('on the lab routes', () => {
    it.each([
      ['POST', '/api/__lab/config', 'GET, PATCH'],
      ['GET', '/api/__lab/reset', 'POST'],
    ])('answers %s %s with 405 method_not_allowed and Allow: %s', expectMethodNotAllowed)
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
