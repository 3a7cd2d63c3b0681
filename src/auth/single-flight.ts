/**
 * Runs one task at a time; whoever calls while it runs shares its promise, success or failure.
 * The slot is freed when the task settles, so a failure never leaves later callers waiting.
 */
export function createSingleFlight<T>() {
  let inFlight: Promise<T> | null = null
  return {
    run(task: () => Promise<T>): Promise<T> {
      if (inFlight) return inFlight
      const flight = Promise.resolve().then(task)
      inFlight = flight
      const free = () => {
        if (inFlight === flight) inFlight = null
      }
      flight.then(free, free)
      return flight
    },
    /** The task running now, to wait for without starting one. */
    current: (): Promise<T> | null => inFlight,
    isRunning: (): boolean => inFlight !== null,
    /** Forgets the running task: later callers start a new one (its own callers still get it). */
    stop(): void {
      inFlight = null
    },
  }
}

export type SingleFlight<T> = ReturnType<typeof createSingleFlight<T>>
