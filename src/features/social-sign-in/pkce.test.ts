import { describe, expect, it } from 'vitest'
import { codeChallengeS256, createCodeVerifier, createState } from './pkce'

describe('PKCE and state', () => {
  it('makes verifiers of 43 to 128 unreserved characters, as RFC 7636 requires', () => {
    const verifier = createCodeVerifier()
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/)
  })

  it('makes a new verifier and state every time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, createCodeVerifier))
    const states = new Set(Array.from({ length: 50 }, createState))
    expect(verifiers.size).toBe(50)
    expect(states.size).toBe(50)
  })

  it('makes states of 256 random bits, safe in a URL as they are', () => {
    const state = createState()
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(encodeURIComponent(state)).toBe(state)
  })

  it('derives the S256 challenge of RFC 7636’s own example', async () => {
    // RFC 7636, appendix B.
    expect(await codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })

  it('derives a 43-character base64url challenge with no padding', async () => {
    expect(await codeChallengeS256(createCodeVerifier())).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })
})
