import type { Timers } from './time'

/**
 * Deadlines for requests waiting on a refresh, on one timer armed for the earliest of them: a
 * thousand queued requests with a timeout cost one timer, not a thousand.
 */
export function createDeadlines(timers: Timers) {
  interface Entry {
    at: number
    expire: () => void
  }
  const entries = new Set<Entry>()
  let timer: unknown = null
  let armedAt = Infinity

  function disarm(): void {
    if (timer !== null) timers.clear(timer)
    timer = null
    armedAt = Infinity
  }

  function arm(at: number): void {
    if (at >= armedAt) return
    disarm()
    armedAt = at
    timer = timers.set(fire, Math.max(0, at - timers.now()))
  }

  function fire(): void {
    timer = null
    armedAt = Infinity
    const now = timers.now()
    let next = Infinity
    for (const entry of entries) {
      if (entry.at <= now) {
        entries.delete(entry)
        entry.expire()
      } else {
        next = Math.min(next, entry.at)
      }
    }
    if (next < Infinity) arm(next)
  }

  return {
    /** Calls `expire` in `ms` unless the returned function is called first. */
    add(ms: number, expire: () => void): () => void {
      const entry = { at: timers.now() + ms, expire }
      entries.add(entry)
      arm(entry.at)
      return () => {
        entries.delete(entry)
        if (entries.size === 0) disarm()
      }
    },
    stop(): void {
      entries.clear()
      disarm()
    },
  }
}

export type Deadlines = ReturnType<typeof createDeadlines>
