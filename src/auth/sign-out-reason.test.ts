// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { signOutReasonFor } from './sign-out-reason'

describe('signOutReasonFor', () => {
  it('names each definite refusal for what it means to the user', () => {
    expect(signOutReasonFor('refresh_expired', null, 0)).toBe('expired')
    expect(signOutReasonFor('session_revoked', null, 0)).toBe('revoked')
    expect(signOutReasonFor('refresh_reused', null, 0)).toBe('reused')
    expect(signOutReasonFor('refresh_invalid', null, 0)).toBe('ended')
  })

  it('reads a missing cookie at or after the session end as that expiry', () => {
    expect(signOutReasonFor('refresh_missing', 1_000, 1_000)).toBe('expired')
    expect(signOutReasonFor('refresh_missing', 1_000, 5_000)).toBe('expired')
  })

  it('reads a missing cookie before the end, or with no known end, as an ended session', () => {
    expect(signOutReasonFor('refresh_missing', 1_000, 999)).toBe('ended')
    expect(signOutReasonFor('refresh_missing', null, 5_000)).toBe('ended')
  })

  it('tells a session ended by a password change elsewhere from any other revocation', () => {
    expect(signOutReasonFor('session_revoked', null, 0, 'password_changed')).toBe(
      'password_changed',
    )
    expect(signOutReasonFor('session_revoked', null, 0, null)).toBe('revoked')
  })

  it('heeds a revocation reason only on a revoked session', () => {
    expect(signOutReasonFor('refresh_reused', null, 0, 'password_changed')).toBe('reused')
    expect(signOutReasonFor('refresh_invalid', null, 0, 'password_changed')).toBe('ended')
  })
})
