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
  const onLoopback = new URL('http://127.0.0.1:5173/login')
  const deployed = new URL('https://reel.example/login')

  it.each([
    ['a path of this site', '/api/oauth/google/authorize', deployed],
    ['an https endpoint', 'https://accounts.google.com/o/oauth2/v2/auth', deployed],
    ['this site spelled out', 'https://reel.example/api/oauth/google/authorize', deployed],
    ['http on 127.0.0.1 from loopback', 'http://127.0.0.1:9090/authorize', onLoopback],
    ['http on localhost from loopback', 'http://localhost:9090/authorize', onLoopback],
    ['http on [::1] from loopback', 'http://[::1]:9090/authorize', onLoopback],
    ['a path when the app runs on loopback', '/api/oauth/google/authorize', onLoopback],
  ])('accepts %s: %s', (_, url, page) => {
    expect(isAuthorizeUrl(url, page)).toBe(true)
  })

  it.each([
    ['a backslash path that is another host', '/\\evil.example/x', deployed],
    ['the same from an app on loopback', '/\\evil.example/x', onLoopback],
    ['a scheme-relative URL', '//evil.example/authorize', deployed],
    ['two backslashes, read as a scheme-relative URL', '\\\\evil.example/x', deployed],
    ['http on loopback from a deployed app', 'http://127.0.0.1:9090/authorize', deployed],
    ['http elsewhere from loopback', 'http://accounts.example/authorize', onLoopback],
    ['a host that only starts like loopback', 'http://127.0.0.1.evil.example/a', onLoopback],
    ['plain http', 'http://accounts.example/authorize', deployed],
    ['javascript:', 'javascript:alert(1)', deployed],
    ['data:', 'data:text/html,hi', deployed],
    ['a URL that does not parse', 'http://[nope/authorize', deployed],
  ])('refuses %s: %s', (_, url, page) => {
    expect(isAuthorizeUrl(url, page)).toBe(false)
  })
})

describe('parseProviders', () => {
  it('keeps the usable entries and leaves out one with a plain-http authorize URL', () => {
    const loopback = { ...google, authorizeUrl: 'http://127.0.0.1:9090/api/oauth/google/authorize' }
    const remote = { ...google, id: 'kakao', authorizeUrl: 'http://kauth.example/authorize' }

    expect(parseProviders([loopback, remote])).toEqual([loopback])
  })
})
