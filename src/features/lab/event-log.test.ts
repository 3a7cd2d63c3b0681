import { describe, expect, it, vi } from 'vitest'
import type { AuthEvent } from '../../auth'
import { createEventLog } from './event-log'

const event = (tabId: string, seq: number, at: number): AuthEvent => ({
  type: 'refresh-started',
  tabId,
  seq,
  at,
})

describe('the lab event log', () => {
  it('keeps each event once, in time order, however late or often it arrives', () => {
    const log = createEventLog()
    log.add(event('a', 2, 200))
    log.add(event('b', 1, 300))
    log.add(event('a', 1, 100)) // from a's history, after its live events
    log.add(event('a', 2, 200)) // live and again in history

    expect(log.snapshot().map((e) => `${e.tabId}:${e.seq}`)).toEqual(['a:1', 'a:2', 'b:1'])
  })

  it('forgets the oldest beyond its size and its age', () => {
    const bySize = createEventLog(2, 60_000)
    for (let seq = 1; seq <= 3; seq++) bySize.add(event('a', seq, seq))
    expect(bySize.snapshot().map((e) => e.seq)).toEqual([2, 3])

    const byAge = createEventLog(100, 1_000)
    byAge.add(event('a', 1, 0))
    byAge.add(event('a', 2, 5_000))
    expect(byAge.snapshot().map((e) => e.seq)).toEqual([2])
  })

  it('stays cleared: history from before the clear that arrives later is left out', () => {
    const log = createEventLog()
    log.add(event('a', 1, 100))
    log.clear(150)
    log.add(event('a', 1, 100))
    log.add(event('b', 1, 120))
    log.add(event('a', 2, 200))
    expect(log.snapshot().map((e) => e.at)).toEqual([200])
  })

  it('tells its listeners once for a burst of events', async () => {
    const log = createEventLog()
    const listener = vi.fn()
    log.subscribe(listener)
    for (let seq = 1; seq <= 50; seq++) log.add(event('a', seq, seq))
    await Promise.resolve()
    expect(listener).toHaveBeenCalledTimes(1)
  })
})
