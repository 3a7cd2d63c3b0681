// @vitest-environment node
import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios'
import * as z from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { AuthError, problemCode, sessionEndedError, toAuthError } from './errors'

const config = { headers: new AxiosHeaders() }

/** A call that the server answered with `status` and `data`, as axios rejects it. */
function answered(status: number, data: unknown, headers: Record<string, string> = {}) {
  const response: AxiosResponse = { data, status, statusText: '', headers, config }
  return new AxiosError('failed', undefined, config, {}, response)
}

const refusal = (status: number, code: string, title = 'Refused.') =>
  answered(status, { type: 'about:blank', title, status, code })

/** The facts of an AuthError a caller reads, in one comparable list. */
const factsOf = (error: AuthError) => [
  error.kind,
  error.message,
  error.code,
  error.status,
  error.retryAfterSec,
]

describe('what a failed auth call means', () => {
  it('names itself an AuthError', () => {
    const error = toAuthError(new Error('offline'))
    expect(error).toBeInstanceOf(AuthError)
    expect(error.name).toBe('AuthError')
  })

  it('keeps an AuthError as it is', () => {
    const error = sessionEndedError()
    expect(toAuthError(error)).toBe(error)
  })

  it('tells every waiting caller to sign in again once the session is gone', () => {
    expect(factsOf(sessionEndedError())).toEqual([
      'session_ended',
      'You need to sign in again.',
      null,
      401,
      null,
    ])
  })

  it('takes a body that is not what the contract says for a bad response, keeping the cause', () => {
    const invalid = z.object({ accessToken: z.string() }).safeParse({}).error
    const error = toAuthError(invalid)
    expect(factsOf(error)).toEqual([
      'bad_response',
      'The server answered wrongly.',
      null,
      null,
      null,
    ])
    expect(error.cause).toBe(invalid)
  })

  it('takes no answer at all for a transient failure, keeping the cause', () => {
    const offline = new AxiosError('Network Error', 'ERR_NETWORK', config)
    const error = toAuthError(offline)
    expect(factsOf(error)).toEqual([
      'transient',
      'We could not reach the server.',
      null,
      null,
      null,
    ])
    expect(error.cause).toBe(offline)
  })

  it('takes a 5xx for a transient failure, with the wait the server asked for', () => {
    const unavailable = answered(503, 'Service Unavailable', { 'retry-after': '30' })
    const error = toAuthError(unavailable)
    expect(factsOf(error)).toEqual(['transient', 'We could not reach the server.', null, 503, 30])
    expect(error.cause).toBe(unavailable)
  })

  it('ends the session only for a 401 that refuses the refresh token', () => {
    expect(factsOf(toAuthError(refusal(401, 'refresh_expired', 'Expired.')))).toEqual([
      'session_ended',
      'Expired.',
      'refresh_expired',
      401,
      null,
    ])
    expect(toAuthError(refusal(403, 'refresh_expired')).kind).toBe('rejected')
    expect(toAuthError(refusal(401, 'invalid_credentials')).kind).toBe('rejected')
    expect(toAuthError(answered(401, null)).kind).toBe('rejected')
  })

  it("shows the problem's title, keeping the cause", () => {
    const throttled = answered(
      429,
      { type: 'about:blank', title: 'Slow down.', status: 429, code: 'too_many_attempts' },
      { 'retry-after': '12' },
    )
    const error = toAuthError(throttled)
    expect(factsOf(error)).toEqual(['rejected', 'Slow down.', 'too_many_attempts', 429, 12])
    expect(error.cause).toBe(throttled)
  })

  it('says something went wrong for an answer that is no problem at all', () => {
    expect(factsOf(toAuthError(answered(400, '<html>Bad gateway</html>')))).toEqual([
      'rejected',
      'Something went wrong.',
      null,
      400,
      null,
    ])
  })
})

describe('the code of a refused call', () => {
  it("reads the problem's code, and none from anything else", () => {
    expect(problemCode(refusal(401, 'token_expired'))).toBe('token_expired')
    expect(problemCode(answered(400, 'not a problem'))).toBeNull()
    expect(problemCode(new Error('offline'))).toBeNull()
  })
})
