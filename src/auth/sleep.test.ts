import { describe, expect, it, vi } from 'vitest'
import { db } from '../../mocks/backend/db'
import { createTab, DEMO, manualClock } from '../test/auth-harness'
import { requestAuthOf } from './request-auth'

/** A laptop that slept through its token's lifetime: the monotonic clock stood still meanwhile. */
async function signedInThenSlept() {
  const monotonic = manualClock()
  const wall = manualClock(1_700_000_000_000)
  const tab = createTab({ clock: monotonic.now, wallClock: wall.now })
  await tab.session.signIn(DEMO)
  wall.advance(db.config.accessTokenTtlSec * 1000 + 1)
  return tab
}

describe('a tab that wakes from a sleep', () => {
  it.each([
    ['gets focus', () => window.dispatchEvent(new Event('focus'))],
    [
      'is shown again from the back/forward cache',
      () => window.dispatchEvent(new Event('pageshow')),
    ],
    ['is back online', () => window.dispatchEvent(new Event('online'))],
    ['is shown again', () => document.dispatchEvent(new Event('visibilitychange'))],
  ])('refreshes at once when it %s', async (_, wake) => {
    const { session, emitted } = await signedInThenSlept()

    wake()

    // A refresh is under way: requests wait for it rather than carry the expired token.
    expect(requestAuthOf(session).ready()).toBeUndefined()
    await emitted('refresh-succeeded')
    expect(db.stats.refreshCalls).toBe(1)
  })

  it('stays asleep while its page is hidden', async () => {
    const { session, count } = await signedInThenSlept()
    const hidden = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')

    document.dispatchEvent(new Event('visibilitychange'))
    hidden.mockRestore()
    // Had the event started a refresh, this one would join it.
    await session.refresh()

    expect(count('refresh-joined')).toBe(0)
  })

  it('does not hand out the token that expired while it slept', async () => {
    const { session } = await signedInThenSlept()
    const slept = session.accessToken()?.value

    const handedOut = await session.getAccessToken()

    expect(handedOut).not.toBe(slept)
    expect(db.stats.refreshCalls).toBe(1)
  })
})
