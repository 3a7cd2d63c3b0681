import { describe, expect, it } from 'vitest'
import { clientAddress } from './http.ts'

function requestFrom(peer: string, forwardedFor?: string) {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }
  return { socket: { remoteAddress: peer }, headers }
}

describe('clientAddress', () => {
  it('takes the TCP peer and ignores X-Forwarded-For unless a proxy is trusted', () => {
    expect(clientAddress(requestFrom('10.0.0.7', '203.0.113.9'), false)).toBe('10.0.0.7')
  })

  it('behind a trusted proxy takes the address the proxy appended last', () => {
    const forged = requestFrom('127.0.0.1', '198.51.100.1, 203.0.113.9')
    expect(clientAddress(forged, true)).toBe('203.0.113.9')
  })

  it('falls back to the peer when a trusted proxy sent no address', () => {
    expect(clientAddress(requestFrom('127.0.0.1'), true)).toBe('127.0.0.1')
    expect(clientAddress(requestFrom('127.0.0.1', ' '), true)).toBe('127.0.0.1')
  })
})
