import { describe, expect, it } from 'vitest'
import { isAuthorizeUrl, parseProviders } from './get-providers'

const google = {
  id: 'google',
  name: 'Google',
  clientId: 'reel',
  scope: 'openid email profile',
  pkce: true,
}

describe('isAuthorizeUrl', () => {
  it.each([
    '/api/oauth/google/authorize',
    'https://accounts.google.com/o/oauth2/v2/auth',
    'http://127.0.0.1:9090/api/oauth/google/authorize',
    'http://localhost:9090/api/oauth/google/authorize',
    'http://[::1]:9090/api/oauth/google/authorize',
  ])('accepts %s', (url) => {
    expect(isAuthorizeUrl(url)).toBe(true)
  })

  it.each([
    '//evil.example/authorize',
    'http://accounts.example/authorize',
    'http://127.0.0.1.evil.example/authorize',
    'javascript:alert(1)',
    'data:text/html,hi',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAuthorizeUrl(url)).toBe(false)
  })
})

describe('parseProviders', () => {
  it('keeps the usable entries and leaves out one with a plain-http authorize URL', () => {
    const loopback = { ...google, authorizeUrl: 'http://127.0.0.1:9090/api/oauth/google/authorize' }
    const remote = { ...google, id: 'kakao', authorizeUrl: 'http://kauth.example/authorize' }

    expect(parseProviders([loopback, remote])).toEqual([loopback])
  })
})
