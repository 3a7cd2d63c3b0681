import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AuthEvent } from '../../auth'
import { createEventLog } from './event-log'
import { openTabs } from './experiments'

const signedIn = (tabId: string): AuthEvent => ({
  type: 'signed-in',
  userId: 'u1',
  at: Date.now() + 1,
  tabId,
  seq: 1,
})

afterEach(() => vi.restoreAllMocks())

describe('openTabs', () => {
  it('reports as soon as every opened tab has signed in, long before its timeout', async () => {
    const log = createEventLog()
    let opened = 0
    // Each "tab" signs in a moment after it opens, as a restore from the cookie would.
    vi.spyOn(window, 'open').mockImplementation(() => {
      const tabId = `tab-${++opened}`
      setTimeout(() => log.add(signedIn(tabId)), 10)
      return window
    })

    // An hour's timeout: only the tabs' reports can end this within the test's time limit.
    const result = await openTabs(2, log, 3_600_000)

    expect(result).toMatchObject({ asked: 2, opened: 2, signedIn: 2 })
  })

  it('counts a blocked popup as not opened and does not wait for it', async () => {
    const log = createEventLog()
    vi.spyOn(window, 'open')
      .mockImplementationOnce(() => {
        setTimeout(() => log.add(signedIn('only')), 10)
        return window
      })
      .mockReturnValue(null)

    const result = await openTabs(3, log, 3_600_000)

    expect(result).toMatchObject({ asked: 3, opened: 1, signedIn: 1 })
  })
})
