// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { manualTime } from '../test/manual-time'
import { createDeadlines } from './deadlines'

/** Deadlines on manual time, counting the timers they keep pending. */
function deadlinesOnManualTime() {
  const time = manualTime(0)
  const pending = new Set<unknown>()
  const deadlines = createDeadlines({
    now: time.now,
    set(run, delayMs) {
      const handle = time.timers.set(() => {
        pending.delete(handle)
        run()
      }, delayMs)
      pending.add(handle)
      return handle
    },
    clear(handle) {
      pending.delete(handle)
      time.timers.clear(handle)
    },
  })
  const expired: string[] = []
  const add = (ms: number, name: string) => deadlines.add(ms, () => expired.push(name))
  return { deadlines, time, pending, expired, add }
}

describe('request deadlines', () => {
  it('expires each deadline at its own time, in order, with one timer pending at most', () => {
    const { time, pending, expired, add } = deadlinesOnManualTime()
    add(100, 'first')
    add(300, 'third')
    add(200, 'second')
    expect(pending.size).toBe(1)

    time.advance(99)
    expect(expired).toEqual([])
    time.advance(1)
    expect(expired).toEqual(['first'])
    expect(pending.size).toBe(1)
    time.advance(99)
    expect(expired).toEqual(['first'])
    time.advance(1)
    expect(expired).toEqual(['first', 'second'])
    time.advance(100)
    expect(expired).toEqual(['first', 'second', 'third'])
    expect(pending.size).toBe(0)
  })

  it('arms for an earlier deadline added after a later one', () => {
    const { time, expired, add } = deadlinesOnManualTime()
    add(300, 'later')
    add(100, 'earlier')

    time.advance(100)

    expect(expired).toEqual(['earlier'])
  })

  it('stops its timer when the last deadline is cancelled, and keeps it for the others', () => {
    const { time, pending, expired, add } = deadlinesOnManualTime()
    const cancelFirst = add(100, 'first')
    add(200, 'second')

    cancelFirst()
    expect(pending.size).toBe(1)
    time.advance(200)
    expect(expired).toEqual(['second'])

    const cancelAlone = add(100, 'alone')
    cancelAlone()
    expect(pending.size).toBe(0)
    time.advance(100)
    expect(expired).toEqual(['second'])
  })

  it('forgets every deadline when stopped', () => {
    const { deadlines, time, pending, expired, add } = deadlinesOnManualTime()
    add(100, 'first')
    add(200, 'second')

    deadlines.stop()
    time.advance(300)

    expect(expired).toEqual([])
    expect(pending.size).toBe(0)
  })
})
