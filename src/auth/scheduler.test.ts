import { describe, expect, it } from 'vitest'
import { backoffMs, refreshLeadMs } from './scheduler'

describe('refresh timing', () => {
  it('refreshes a fifth of the lifetime ahead, within half a second and a minute', () => {
    expect(refreshLeadMs(5_000)).toBe(1_000)
    expect(refreshLeadMs(300_000)).toBe(60_000)
    expect(refreshLeadMs(1_000)).toBe(500)
    expect(refreshLeadMs(3_600_000)).toBe(60_000)
  })

  it('backs off exponentially with jitter, capped at thirty seconds', () => {
    const low = () => 0
    const high = () => 1
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, high))).toEqual([
      1000, 2000, 4000, 8000,
    ])
    expect(backoffMs(1, low)).toBe(500)
    expect(backoffMs(20, high)).toBe(30_000)
  })
})
