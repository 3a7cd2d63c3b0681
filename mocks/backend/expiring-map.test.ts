import { describe, expect, it } from 'vitest'
import { ExpiringMap } from './expiring-map.ts'

/** A map on a clock the test moves by hand. */
function mapOnClock(ttlMs: number, capacity: number) {
  const clock = { now: 1_000 }
  const map = new ExpiringMap<string, number>({ ttlMs, capacity, now: () => clock.now })
  return { map, clock }
}

describe('ExpiringMap', () => {
  it('returns an entry until its lifetime is over, then never again', () => {
    const { map, clock } = mapOnClock(60_000, 10)
    map.set('code', 1)
    clock.now += 59_999
    expect(map.get('code')).toBe(1)
    expect([...map]).toEqual([['code', 1]])
    clock.now += 1
    expect(map.get('code')).toBeUndefined()
    expect([...map.keys()]).toEqual([])
    expect([...map.values()]).toEqual([])
  })

  it('sweeps expired entries out of memory when another is added', () => {
    const { map, clock } = mapOnClock(60_000, 10)
    map.set('a', 1).set('b', 2)
    clock.now += 30_000
    map.set('c', 3)
    clock.now += 30_000
    map.set('d', 4)
    expect(map.size).toBe(2)
    expect([...map.keys()]).toEqual(['c', 'd'])
  })

  it('holds at most its capacity, evicting the oldest first', () => {
    const { map } = mapOnClock(60_000, 3)
    for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, index)
    expect(map.size).toBe(3)
    expect([...map.keys()]).toEqual(['c', 'd', 'e'])
  })

  it('counts a replaced entry as new: it lives on and is evicted last', () => {
    const { map, clock } = mapOnClock(60_000, 2)
    map.set('a', 1).set('b', 2)
    clock.now += 50_000
    map.set('a', 3)
    clock.now += 20_000
    expect(map.get('a')).toBe(3)
    expect(map.get('b')).toBeUndefined()
    map.set('c', 4).set('d', 5)
    expect([...map.keys()]).toEqual(['c', 'd'])
  })

  it('forgets what is deleted', () => {
    const { map } = mapOnClock(60_000, 10)
    map.set('a', 1).set('b', 2)
    expect(map.delete('a')).toBe(true)
    expect(map.delete('a')).toBe(false)
    expect([...map.keys()]).toEqual(['b'])
  })
})
