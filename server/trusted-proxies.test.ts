import { describe, expect, it } from 'vitest'
import { clientAddress, LOOPBACK, parseTrustedProxies } from './trusted-proxies.ts'

describe('REEL_TRUSTED_PROXIES', () => {
  it('trusts the addresses and networks it lists, in either IP family', () => {
    const proxies = parseTrustedProxies(' 127.0.0.1, 10.0.0.0/8 ,fd00::/8')
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '10.200.3.4', 'fd12::1']) {
      expect(proxies.trusts(address), address).toBe(true)
    }
    for (const address of ['127.0.0.2', '11.0.0.1', '::1', 'fe80::1', 'unknown']) {
      expect(proxies.trusts(address), address).toBe(false)
    }
  })

  it('trusts no one when empty or absent', () => {
    expect(parseTrustedProxies('').trusts('127.0.0.1')).toBe(false)
    expect(parseTrustedProxies(undefined).trusts('127.0.0.1')).toBe(false)
  })

  it('refuses a malformed entry by name, rather than trust no one or everyone', () => {
    for (const text of [
      'localhost',
      '10.0.0.0/33',
      '10.0.0.0/',
      '10.0.0/8',
      '::1/129',
      '1.2.3.4/8/1',
    ]) {
      expect(() => parseTrustedProxies(text), text).toThrow(/REEL_TRUSTED_PROXIES: ".+" is not/)
    }
  })
})

describe('the client address', () => {
  const proxies = parseTrustedProxies('127.0.0.1,10.0.0.0/8')

  it('is the TCP peer when the peer is not trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', proxies)).toBe('203.0.113.5')
    expect(clientAddress('::ffff:203.0.113.5', undefined, proxies)).toBe('203.0.113.5')
  })

  it('walks X-Forwarded-For from the right, past trusted hops, to the first untrusted one', () => {
    const chain = '198.51.100.1, 203.0.113.9, 10.1.2.3'
    expect(clientAddress('127.0.0.1', chain, proxies)).toBe('203.0.113.9')
    expect(clientAddress('127.0.0.1', ['198.51.100.1', '203.0.113.9'], proxies)).toBe('203.0.113.9')
  })

  it('is the leftmost address when every hop is trusted, and the peer when none was written', () => {
    expect(clientAddress('127.0.0.1', '10.0.0.1, 10.0.0.2', proxies)).toBe('10.0.0.1')
    expect(clientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1')
    expect(clientAddress('127.0.0.1', ' ', proxies)).toBe('127.0.0.1')
  })

  it('stops at the trusted hop that passed on something that is no address', () => {
    expect(clientAddress('127.0.0.1', 'unknown, 10.0.0.7', proxies)).toBe('10.0.0.7')
  })
})

describe('loopback', () => {
  it('is 127.0.0.0/8 and ::1, however the socket writes them', () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '::ffff:127.0.0.3', '::1']) {
      expect(LOOPBACK.trusts(address), address).toBe(true)
    }
    for (const address of ['10.0.0.1', '::2', '203.0.113.9']) {
      expect(LOOPBACK.trusts(address), address).toBe(false)
    }
  })
})
