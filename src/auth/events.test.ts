// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEventStream, eventKey, type AuthEvent } from './events'

afterEach(() => {
  vi.useRealTimers()
})

describe("a tab's event stream", () => {
  it('is wanted only while someone listens', () => {
    const stream = createEventStream('tab-1')
    expect(stream.wanted()).toBe(false)

    const unsubscribe = stream.subscribe(() => undefined)
    expect(stream.wanted()).toBe(true)

    unsubscribe()
    expect(stream.wanted()).toBe(false)
  })

  it('stamps each event with the time, the tab and its number, counting only events heard', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_700_000_000_000 })
    const stream = createEventStream('tab-1')
    const heard: AuthEvent[] = []

    stream.emit({ type: 'refresh-started' })
    stream.subscribe((event) => heard.push(event))
    stream.emit({ type: 'refresh-joined' })
    vi.setSystemTime(1_700_000_000_250)
    stream.emit({ type: 'signed-in', userId: 'u-1' })

    expect(heard).toEqual([
      { type: 'refresh-joined', at: 1_700_000_000_000, tabId: 'tab-1', seq: 1 },
      { type: 'signed-in', userId: 'u-1', at: 1_700_000_000_250, tabId: 'tab-1', seq: 2 },
    ])
  })

  it('gives every listener each event until that listener unsubscribes', () => {
    const stream = createEventStream('tab-1')
    const first: number[] = []
    const second: number[] = []
    const unsubscribeFirst = stream.subscribe((event) => first.push(event.seq))
    stream.subscribe((event) => second.push(event.seq))

    stream.emit({ type: 'refresh-started' })
    unsubscribeFirst()
    stream.emit({ type: 'refresh-joined' })

    expect(first).toEqual([1])
    expect(second).toEqual([1, 2])
  })

  it('reaches nobody once stopped, and is no longer wanted', () => {
    const stream = createEventStream('tab-1')
    const heard: AuthEvent[] = []
    stream.subscribe((event) => heard.push(event))

    stream.stop()
    stream.emit({ type: 'refresh-started' })

    expect(heard).toEqual([])
    expect(stream.wanted()).toBe(false)
  })
})

describe('the name of an event', () => {
  it('is its tab and its number in that tab', () => {
    expect(eventKey({ tabId: '3f9a0c', seq: 12 })).toBe('3f9a0c:12')
  })

  it('tells apart events of two tabs with the same number, and two of one tab', () => {
    const names = new Set([
      eventKey({ tabId: 'a', seq: 1 }),
      eventKey({ tabId: 'b', seq: 1 }),
      eventKey({ tabId: 'a', seq: 2 }),
    ])
    expect(names.size).toBe(3)
  })
})
