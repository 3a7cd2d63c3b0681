import { AxiosError, AxiosHeaders } from 'axios'
import { describe, expect, it } from 'vitest'
import { shouldRetry } from './query-client'

function httpError(status: number | null): AxiosError {
  const config = { headers: new AxiosHeaders() }
  const response =
    status === null ? undefined : { status, statusText: '', headers: {}, config, data: null }
  return new AxiosError('failed', undefined, config, null, response)
}

describe('query retries', () => {
  it('never retries a 401, which the auth interceptor has already handled', () => {
    expect(shouldRetry(0, httpError(401))).toBe(false)
  })

  it('retries network errors and 5xx a limited number of times', () => {
    expect(shouldRetry(0, httpError(null))).toBe(true)
    expect(shouldRetry(1, httpError(503))).toBe(true)
    expect(shouldRetry(2, httpError(503))).toBe(false)
  })

  it('does not retry other client errors', () => {
    expect(shouldRetry(0, httpError(404))).toBe(false)
  })
})
