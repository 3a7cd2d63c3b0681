/** A clock in milliseconds. */
export type Clock = () => number

/**
 * Monotonic: immune to a wrong or corrected system clock, but on Linux and macOS it stands still
 * while the machine sleeps.
 */
export const monotonicClock: Clock = () => performance.now()

/** Wall-clock time: runs on through sleep, but the user or NTP can move it either way. */
export const wallClock: Clock = () => Date.now()

/** Timers and the clock they run on, injectable so tests drive time by hand. */
export interface Timers {
  set(callback: () => void, delayMs: number): unknown
  clear(handle: unknown): void
  now(): number
}

/** The longest delay `setTimeout` keeps: a longer one overflows and fires at once. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

/**
 * The same timers with every delay clamped to what `setTimeout` can hold. Firing early is safe
 * everywhere in the core (a refresh that comes early is cheap, a deadline checks the clock again),
 * firing at once is not: a 30-day token would otherwise refresh in a tight loop.
 */
export function clampedTimers(timers: Timers): Timers {
  return {
    set: (callback, delayMs) => timers.set(callback, Math.min(delayMs, MAX_TIMER_DELAY_MS)),
    clear: (handle) => timers.clear(handle),
    now: () => timers.now(),
  }
}

export const realTimers: Timers = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
}
