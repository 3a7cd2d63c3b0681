/**
 * Time that moves only when a test says so: a clock and the timers that run on it, in the shape
 * the auth core takes (`clock`, `timers`) and any `now` a module is handed. Nothing waits in
 * real time, so a backoff or an expiry costs a test nothing and always lands the same way.
 *
 * @example
 * const time = manualTime()
 * const { session } = createTab({ clock: time.now, timers: time.timers })
 * time.advance(500) // the first backoff's retry runs now
 */
export function manualTime(start = 1_000) {
  let now = start
  let nextId = 0
  const due = new Map<number, { at: number; run: () => void }>()
  const clock = () => now
  return {
    now: clock,
    timers: {
      set(run: () => void, delayMs: number): number {
        due.set(++nextId, { at: now + delayMs, run })
        return nextId
      },
      clear: (handle: unknown) => void due.delete(handle as number),
      now: clock,
    },
    /** Runs every timer due within `ms`, in order, each at its own time; ends `ms` later. */
    advance(ms: number): void {
      const end = now + ms
      for (;;) {
        const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0]
        if (!next || next[1].at > end) break
        due.delete(next[0])
        now = Math.max(now, next[1].at)
        next[1].run()
      }
      now = end
    },
  }
}

export type ManualTime = ReturnType<typeof manualTime>
