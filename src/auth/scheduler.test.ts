// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { manualTime } from '../test/manual-time'
import { browserWakeSources, createScheduler, refreshLeadMs, type WakeSource } from './scheduler'
import type { Timers } from './time'

describe('refresh timing', () => {
  it('refreshes a fifth of the lifetime ahead, within half a second and a minute', () => {
    expect(refreshLeadMs(5_000)).toBe(1_000)
    expect(refreshLeadMs(300_000)).toBe(60_000)
    expect(refreshLeadMs(1_000)).toBe(500)
    expect(refreshLeadMs(3_600_000)).toBe(60_000)
  })
})

describe('the wake sources of a browser', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('are none where there is no page at all', () => {
    expect(browserWakeSources()).toEqual([])
  })

  it('are none where there is a document but no window', () => {
    vi.stubGlobal('document', new EventTarget())
    expect(browserWakeSources()).toEqual([])
  })

  it('are none where there is a window but no document', () => {
    vi.stubGlobal('window', new EventTarget())
    expect(browserWakeSources()).toEqual([])
  })

  it('wake on focus, on coming back online or from the cache, and on being shown', () => {
    const windowLike = new EventTarget()
    const documentLike = Object.assign(new EventTarget(), { visibilityState: 'visible' })
    vi.stubGlobal('window', windowLike)
    vi.stubGlobal('document', documentLike)
    const wake = vi.fn()

    const stops = browserWakeSources().map((source) => source(wake))
    for (const type of ['focus', 'online', 'pageshow']) windowLike.dispatchEvent(new Event(type))
    documentLike.dispatchEvent(new Event('visibilitychange'))
    expect(wake).toHaveBeenCalledTimes(4)

    for (const stop of stops) stop()
    for (const type of ['focus', 'online', 'pageshow']) windowLike.dispatchEvent(new Event(type))
    documentLike.dispatchEvent(new Event('visibilitychange'))
    expect(wake).toHaveBeenCalledTimes(4)
  })
})

/** A wake source the test fires by hand, counting the listeners it has. */
function handWake() {
  const listeners = new Set<() => void>()
  let registered = 0
  const source: WakeSource = (wake) => {
    const listener = () => wake()
    listeners.add(listener)
    registered++
    return () => listeners.delete(listener)
  }
  return {
    source,
    registered: () => registered,
    fire: () => {
      for (const listener of listeners) listener()
    },
  }
}

/** Timers that record which handles they were asked to clear. */
function recordingTimers(time = manualTime()) {
  const cleared: unknown[] = []
  const timers: Timers = {
    set: (run, delayMs) => time.timers.set(run, delayMs),
    clear: (handle) => {
      cleared.push(handle)
      time.timers.clear(handle)
    },
    now: time.now,
  }
  return { timers, cleared, time }
}

describe('the scheduler', () => {
  it('listens to each wake source once, however often it is started', () => {
    const wakeSource = handWake()
    const onWake = vi.fn()
    const scheduler = createScheduler({
      timers: manualTime().timers,
      wakeSources: [wakeSource.source],
      onDue: () => undefined,
      onWake,
    })

    scheduler.start()
    scheduler.start()
    wakeSource.fire()
    expect(wakeSource.registered()).toBe(1)
    expect(onWake).toHaveBeenCalledTimes(1)

    scheduler.stop()
    wakeSource.fire()
    expect(onWake).toHaveBeenCalledTimes(1)
  })

  it('runs only the last plan, and clears no timer it does not hold', () => {
    const { timers, cleared, time } = recordingTimers()
    const onDue = vi.fn()
    const scheduler = createScheduler({ timers, wakeSources: [], onDue, onWake: () => undefined })

    scheduler.cancel()
    expect(cleared).toEqual([])
    scheduler.planIn(1_000)
    scheduler.planIn(2_000)
    expect(cleared).toHaveLength(1)
    time.advance(1_999)
    expect(onDue).not.toHaveBeenCalled()
    time.advance(1)
    expect(onDue).toHaveBeenCalledTimes(1)

    scheduler.cancel()
    expect(cleared).toHaveLength(1)
  })
})
