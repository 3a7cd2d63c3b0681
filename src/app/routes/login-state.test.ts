import { describe, expect, it } from 'vitest'
import { loginState, readLoginState } from './login-state'

describe('the sign-in page history state', () => {
  it('reads back every part a redirect put there', () => {
    const state = loginState('/devices', {
      endedBecause: 'revoked',
      pendingLink: { linkToken: 'link-1', provider: 'kakao' },
      socialSignInFailure: { reason: 'cancelled', provider: 'naver' },
    })
    expect(readLoginState(structuredClone(state))).toEqual(state)
  })

  it('leaves out where to go when that is not known', () => {
    expect(loginState(null, { renew: true })).toEqual({ renew: true })
  })

  it.each([
    ['a destination that is not text', { from: { pathname: '//evil.example' } }],
    ['an unknown reason the session ended', { from: '/movies', endedBecause: 'hacked' }],
    [
      'a link token too long to be one',
      { pendingLink: { linkToken: 'x'.repeat(500), provider: 'kakao' } },
    ],
    [
      'a failure of a provider the app does not offer',
      { socialSignInFailure: { reason: 'cancelled', provider: 'evil' } },
    ],
  ])('ignores a whole state that holds %s', (_, state) => {
    expect(readLoginState(state)).toEqual({})
  })

  it('ignores whatever else history holds', () => {
    expect(readLoginState(null)).toEqual({})
    expect(readLoginState('from=/movies')).toEqual({})
  })
})
