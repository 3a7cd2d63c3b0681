// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { refreshLeadMs } from './scheduler'

describe('refresh timing', () => {
  it('refreshes a fifth of the lifetime ahead, within half a second and a minute', () => {
    expect(refreshLeadMs(5_000)).toBe(1_000)
    expect(refreshLeadMs(300_000)).toBe(60_000)
    expect(refreshLeadMs(1_000)).toBe(500)
    expect(refreshLeadMs(3_600_000)).toBe(60_000)
  })
})
