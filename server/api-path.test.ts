import { describe, expect, it } from 'vitest'
import { isCanonicalApiPath } from './api-path.ts'

describe('a canonical API path', () => {
  it('is every path the contract names, with any query', () => {
    for (const path of [
      '/api/',
      '/api/me',
      '/api/me/',
      '/api/.well-known/jwks.json',
      '/api/__lab/config',
      '/api/movies?query=../../etc&page=2',
      '/api/me/watchlist/spirited-away-2001',
      '/api/auth/sessions/s_Ab-9_x',
      '/api/movies/the%20host',
    ]) {
      expect(isCanonicalApiPath(path), path).toBe(true)
    }
  })

  it('is no path that nginx, a WSGI server or Django could read differently', () => {
    for (const path of [
      '/api/../admin/',
      '/api/%2e%2e/admin/',
      '/api/.%2E/admin/',
      '/api/..%2fadmin/',
      '/api/..\\admin/',
      '/api/%5C..%5Cadmin/',
      '/api/%252e%252e/admin/',
      '/api//admin/',
      '/api/./me',
      '/api/me/..',
      '/api/me%00',
      '/api/%E0%A4%A',
      '/apiary',
      '/admin/',
    ]) {
      expect(isCanonicalApiPath(path), path).toBe(false)
    }
  })
})
