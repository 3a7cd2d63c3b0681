// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { clampedTimers, realTimers } from './time'

describe('the real timers', () => {
  it('tell the time on the monotonic clock', () => {
    const before = performance.now()
    const now = realTimers.now()
    const after = performance.now()

    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(after)
  })

  it('tell the same time through the clamp', () => {
    const before = performance.now()
    const now = clampedTimers(realTimers).now()

    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(performance.now())
  })
})
