import { describe, expect, it } from 'vitest'
import { FailureLog } from './failure-log.ts'
import { FAILURE_LOG_CAPACITY, newLoginFailures, recordLoginFailure } from './login-throttle.ts'

const WINDOW = 1000

describe('FailureLog', () => {
  it('refuses a key once it reaches its limit, until the deciding failure leaves the window', () => {
    const log = new FailureLog(WINDOW, 3, 100)
    for (const time of [0, 100, 200]) log.record('k', time)

    expect(log.retryAfterSec('k', 200)).toBe(1)
    expect(log.retryAfterSec('k', 999)).toBe(1)
    expect(log.retryAfterSec('k', 1000)).toBe(0)
  })

  it('keeps no more times per key than its limit needs', () => {
    const log = new FailureLog(WINDOW, 3, 100)
    for (let time = 0; time < 500; time++) log.record('k', time)
    expect(log.recent('k', 500)).toEqual([497, 498, 499])
  })

  it('never holds more keys than its capacity, however many distinct keys fail', () => {
    const log = new FailureLog(WINDOW, 5, 100)
    for (let key = 0; key < 10_000; key++) log.record(`user-${key}`, 0)
    expect(log.size).toBe(100)
  })

  it('forgets the least recently failed key first when full', () => {
    const log = new FailureLog(WINDOW, 5, 2)
    log.record('a', 0)
    log.record('b', 1)
    log.record('a', 2)
    log.record('c', 3)

    expect(log.recent('a', 3)).toEqual([0, 2])
    expect(log.recent('b', 3)).toEqual([])
    expect(log.recent('c', 3)).toEqual([3])
  })

  it('drops keys whose window has passed before any key still inside it', () => {
    const log = new FailureLog(WINDOW, 5, 3)
    log.record('old', 0)
    log.record('recent', 1500)
    log.record('newer', 1600)
    log.record('newest', 1700)

    expect(log.size).toBe(3)
    expect(log.recent('recent', 1700)).toEqual([1500])
  })
})

describe('login failures', () => {
  it('stays bounded under a flood of made-up usernames from many addresses', () => {
    const failures = newLoginFailures()
    for (let attempt = 0; attempt < FAILURE_LOG_CAPACITY + 5_000; attempt++) {
      recordLoginFailure(failures, `flood-${attempt}`, `10.0.${attempt % 256}.1`, attempt)
    }
    expect(failures.byPair.size).toBe(FAILURE_LOG_CAPACITY)
    expect(failures.byUsername.size).toBe(FAILURE_LOG_CAPACITY)
  })
})
