// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { manualTime } from '../test/manual-time'
import { withDefaults, type AuthSessionOptions } from './session-options'
import { wallClock } from './time'

/** No cross-tab APIs and no wake sources, so nothing outlives the test. */
const alone: AuthSessionOptions = { locks: null, channel: null, storage: null, wakeSources: [] }

describe('the session options with their defaults', () => {
  it('counts expiry on the wall clock as well when no clock is given', () => {
    expect(withDefaults(alone).wallClock).toBe(wallClock)
  })

  it("takes no wall clock beside a test's own clock", () => {
    const time = manualTime()
    expect(withDefaults({ ...alone, clock: time.now }).wallClock).toBeNull()
  })

  it('keeps the wall clock it is given, and an explicit null', () => {
    const monotonic = manualTime()
    const wall = manualTime(1_700_000_000_000)
    const options = { ...alone, clock: monotonic.now, wallClock: wall.now }
    expect(withDefaults(options).wallClock).toBe(wall.now)
    expect(withDefaults({ ...alone, wallClock: null }).wallClock).toBeNull()
  })
})
