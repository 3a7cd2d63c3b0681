// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { manualTime } from '../test/manual-time'
import { createTokenStore } from './token-store'

const LIFETIME_SEC = 300

function storeOnTwoClocks() {
  const monotonic = manualTime()
  const wall = manualTime(1_700_000_000_000)
  return { monotonic, wall, store: createTokenStore(monotonic.now, wall.now) }
}

describe('a token counted on two clocks', () => {
  it('is expired when the monotonic clock stood still while the wall clock ran (a sleep)', () => {
    const { wall, store } = storeOnTwoClocks()
    store.set('token', LIFETIME_SEC)

    wall.advance(LIFETIME_SEC * 1000 + 1)

    expect(store.msLeft()).toBeLessThan(0)
  })

  it('is expired when the wall clock was set back while the monotonic clock ran', () => {
    const { monotonic, wall, store } = storeOnTwoClocks()
    store.set('token', LIFETIME_SEC)

    monotonic.advance(LIFETIME_SEC * 1000 + 1)
    wall.advance(-3_600_000)

    expect(store.msLeft()).toBeLessThan(0)
  })

  it('counts the time left by whichever clock says less, for any token it handed out', () => {
    const { monotonic, wall, store } = storeOnTwoClocks()
    const token = store.set('token', LIFETIME_SEC)

    monotonic.advance(10_000)
    wall.advance(250_000)

    expect(store.msLeftOf(token)).toBe(50_000)
    expect(store.msLeft()).toBe(50_000)
  })

  it('counts on the monotonic clock alone when it has no wall clock', () => {
    const monotonic = manualTime()
    const store = createTokenStore(monotonic.now, null)
    store.set('token', LIFETIME_SEC)

    monotonic.advance(1_000)

    expect(store.msLeft()).toBe(LIFETIME_SEC * 1000 - 1_000)
  })
})

describe('a token store', () => {
  it('has no time left, rather than endless time, when it holds no token', () => {
    const { store } = storeOnTwoClocks()
    expect(store.msLeft()).toBe(-Infinity)

    store.set('token', LIFETIME_SEC)
    store.clear()

    expect(store.msLeft()).toBe(-Infinity)
  })

  it('counts a token that has no wall-clock expiry on the monotonic clock alone', () => {
    const { monotonic, wall, store } = storeOnTwoClocks()
    const token = createTokenStore(monotonic.now, null).set('token', LIFETIME_SEC)

    monotonic.advance(1_000)
    wall.advance(LIFETIME_SEC * 1000)

    expect(store.msLeftOf(token)).toBe(LIFETIME_SEC * 1000 - 1_000)
  })

  it('without a wall clock, counts a token on the monotonic clock alone whatever it carries', () => {
    const { monotonic, store: walled } = storeOnTwoClocks()
    const token = walled.set('token', LIFETIME_SEC)
    const store = createTokenStore(monotonic.now, null)

    monotonic.advance(1_000)

    expect(store.msLeftOf(token)).toBe(LIFETIME_SEC * 1000 - 1_000)
  })
})
