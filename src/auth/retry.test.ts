// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { backoffMs, createRetry } from './retry'
import type { AccessToken } from './token-store'

const token: AccessToken = {
  value: 't',
  epoch: 1,
  expiresAt: 0,
  wallExpiresAt: null,
  lifetimeMs: 1,
}

function retryAt(start = 0) {
  let now = start
  const retry = createRetry(
    () => now,
    () => 1,
  )
  return { retry, advance: (ms: number) => (now += ms) }
}

describe('retrying', () => {
  it('backs off exponentially with jitter, capped at thirty seconds', () => {
    const low = () => 0
    const high = () => 1
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, high))).toEqual([
      1000, 2000, 4000, 8000,
    ])
    expect(backoffMs(1, low)).toBe(500)
    expect(backoffMs(0, high)).toBe(1000)
    expect(backoffMs(20, high)).toBe(30_000)
    expect(backoffMs(20, low)).toBe(15_000)
  })

  it('waits the longer of its backoff and the Retry-After, and starts again after a reset', () => {
    const { retry } = retryAt()
    expect(retry.failedTransiently(null)).toBe(1000)
    expect(retry.failedTransiently(null)).toBe(2000)
    expect(retry.failedTransiently(60)).toBe(60_000)
    expect(retry.failedTransiently(1)).toBe(8000)
    retry.reset()
    expect(retry.failedTransiently(null)).toBe(1000)
  })

  it('allows one early attempt per window, never before the Retry-After', () => {
    const { retry, advance } = retryAt(1000)
    retry.failedTransiently(2)
    expect(retry.mayTryEarly()).toBe(false)
    advance(1999)
    expect(retry.mayTryEarly()).toBe(false)
    advance(1)
    expect(retry.mayTryEarly()).toBe(true)
    expect(retry.mayTryEarly()).toBe(false)
    retry.failedTransiently(null)
    expect(retry.mayTryEarly()).toBe(true)
  })

  it('allows an early attempt before any has failed', () => {
    const { retry } = retryAt(1000)
    expect(retry.mayTryEarly()).toBe(true)
    expect(retry.mayTryEarly()).toBe(false)
  })

  it('ends at the third bad answer in a row, counting again after a reset', () => {
    const { retry } = retryAt()
    const answers = () => Array.from({ length: 3 }, retry.badResponseLimitReached)
    expect(answers()).toEqual([false, false, true])
    retry.reset()
    expect(retry.badResponseLimitReached()).toBe(false)
  })

  it('hands every request waiting for the next attempt its outcome, once', async () => {
    const { retry } = retryAt()
    const first = retry.nextAttempt()
    expect(retry.nextAttempt()).toBe(first)
    retry.attemptSettled({ value: token })
    await expect(first).resolves.toBe(token)
    const second = retry.nextAttempt()
    expect(second).not.toBe(first)
    const ended = new Error('ended')
    retry.attemptSettled({ error: ended })
    await expect(second).rejects.toBe(ended)
  })
})
