// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { REAUTHENTICATION_CHALLENGE } from '../../contract/account'
import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios'
import { toAuthError } from './errors'
import { refusalOf, revocationReasonOf } from './refusal'

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

/** A refresh the server refused with this 401 problem body, as the auth core sees it. */
function refusedRefresh(body: Record<string, unknown>) {
  const config = { headers: new AxiosHeaders() }
  const response: AxiosResponse = {
    data: { type: 'about:blank', title: 'Signed out.', status: 401, ...body },
    status: 401,
    statusText: 'Unauthorized',
    headers: {},
    config,
  }
  return toAuthError(new AxiosError('failed', undefined, config, {}, response))
}

describe('why the server revoked a session', () => {
  it('reads the reason a session_revoked refusal carries', () => {
    const error = refusedRefresh({ code: 'session_revoked', reason: 'password_changed' })
    expect(error.kind).toBe('session_ended')
    expect(revocationReasonOf(error)).toBe('password_changed')
  })

  it('knows no reason when there is none, it is unknown, or the code is another', () => {
    expect(revocationReasonOf(refusedRefresh({ code: 'session_revoked' }))).toBeNull()
    expect(
      revocationReasonOf(refusedRefresh({ code: 'session_revoked', reason: 'admin' })),
    ).toBeNull()
    expect(
      revocationReasonOf(refusedRefresh({ code: 'refresh_reused', reason: 'password_changed' })),
    ).toBeNull()
    expect(revocationReasonOf(new Error('offline'))).toBeNull()
  })

  it('knows no reason for a call that got no answer at all', () => {
    const offline = new AxiosError('Network Error', 'ERR_NETWORK', { headers: new AxiosHeaders() })
    expect(revocationReasonOf(offline)).toBeNull()
    expect(revocationReasonOf(toAuthError(offline))).toBeNull()
  })
})
