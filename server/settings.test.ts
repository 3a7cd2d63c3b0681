import { describe, expect, it } from 'vitest'
import { parseBackendUrl, placementFromEnv } from './settings.ts'

describe('the placement settings of npm run serve', () => {
  it('default to no trusted proxy, no public origin and a locked lab', () => {
    const settings = placementFromEnv({})
    expect(settings.trustedProxies.trusts('127.0.0.1')).toBe(false)
    expect(settings.publicOrigin).toBeNull()
    expect(settings.lab).toBe('locked')
  })

  it('read REEL_PUBLIC_ORIGIN, REEL_LAB and REEL_TRUSTED_PROXIES', () => {
    const settings = placementFromEnv({
      REEL_PUBLIC_ORIGIN: 'https://reel.example/',
      REEL_LAB: 'open',
      REEL_TRUSTED_PROXIES: '10.0.0.0/8',
    })
    expect(settings.publicOrigin?.origin).toBe('https://reel.example')
    expect(settings.lab).toBe('open')
    expect(settings.trustedProxies.trusts('10.9.9.9')).toBe(true)
  })

  it('refuse a malformed value by name', () => {
    for (const origin of ['reel.example', 'https://reel.example/app', 'ftp://reel.example']) {
      expect(() => placementFromEnv({ REEL_PUBLIC_ORIGIN: origin }), origin).toThrow(
        /REEL_PUBLIC_ORIGIN must be an origin/,
      )
    }
    expect(() => placementFromEnv({ REEL_LAB: 'yes' })).toThrow(/REEL_LAB must be/)
  })

  it('refuse the old REEL_TRUST_PROXY, which no longer says which proxy to trust', () => {
    expect(() => placementFromEnv({ REEL_TRUST_PROXY: '1' })).toThrow(/REEL_TRUSTED_PROXIES/)
  })
})

describe('REEL_API_URL', () => {
  it('may carry a path the backend lives under, but no query, fragment or credentials', () => {
    expect(parseBackendUrl('REEL_API_URL', 'http://127.0.0.1:9000/reel').pathname).toBe('/reel')
    for (const url of ['http://a/?x=1', 'http://a/#x', 'http://u:p@a/', 'file:///x', 'a:9000']) {
      expect(() => parseBackendUrl('REEL_API_URL', url), url).toThrow(/REEL_API_URL must be/)
    }
  })
})
