import { describe, expect, it } from 'vitest'
import { REAUTHENTICATION_CHALLENGE } from '../../contract/account'
import { refusalOf } from './refusal'

describe('what a refused request asks for', () => {
  it('asks for a step-up on the code or on the RFC 9470 challenge alone', () => {
    expect(refusalOf(401, 'reauthentication_required', null)).toBe('step-up')
    expect(refusalOf(401, null, REAUTHENTICATION_CHALLENGE)).toBe('step-up')
    // A proxy that rewrote the body still leaves the challenge to go by.
    expect(refusalOf(401, 'token_expired', REAUTHENTICATION_CHALLENGE)).toBe('step-up')
  })

  it('asks for a token only for the access-token codes', () => {
    expect(refusalOf(401, 'token_expired', 'Bearer error="invalid_token"')).toBe('token')
    expect(refusalOf(401, 'invalid_credentials', null)).toBeNull()
    expect(refusalOf(403, 'reauthentication_required', REAUTHENTICATION_CHALLENGE)).toBeNull()
  })
})
