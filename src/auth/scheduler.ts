/**
 * How long before expiry to refresh: a fifth of the lifetime, between half a second and a minute.
 * Proportional, so a 5-second lab token and a 5-minute one both refresh in time.
 */
export function refreshLeadMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(500, lifetimeMs / 5))
}

/** Exponential backoff with jitter for transient failures: ~1 s, 2 s, 4 s … capped at 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1))
  return ceiling / 2 + (ceiling / 2) * random()
}

/** Timers and the clock they run on, injectable so tests drive time by hand. */
export interface Timers {
  set(callback: () => void, delayMs: number): unknown
  clear(handle: unknown): void
  now(): number
}

/** The longest delay `setTimeout` keeps: a longer one overflows and fires at once. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

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

/** Something that says "the tab may have slept or been offline": calls `wake`, returns a stop. */
export type WakeSource = (wake: () => void) => () => void

/** The page became visible again. */
export const visibilityWake: WakeSource = (wake) => {
  const onChange = () => {
    if (document.visibilityState === 'visible') wake()
  }
  document.addEventListener('visibilitychange', onChange)
  return () => document.removeEventListener('visibilitychange', onChange)
}

/** An event on `window` that means the tab may have slept or been offline. */
const windowWake =
  (type: 'online' | 'pageshow' | 'focus'): WakeSource =>
  (wake) => {
    window.addEventListener(type, wake)
    return () => window.removeEventListener(type, wake)
  }

/** The browser is back online. */
export const onlineWake = windowWake('online')
/** The page came back from the back/forward cache, where no timer ran. */
export const pageshowWake = windowWake('pageshow')
/** The window got focus: after a laptop's sleep this can be the first sign, before any timer. */
export const focusWake = windowWake('focus')

/**
 * Timers are no help after a sleep: they run on the monotonic clock, which stood still. These
 * events are the moments a tab can notice that time has passed and look at its token again.
 */
export function browserWakeSources(): readonly WakeSource[] {
  return typeof window === 'undefined' || typeof document === 'undefined'
    ? []
    : [visibilityWake, onlineWake, pageshowWake, focusWake]
}

export interface SchedulerOptions {
  timers: Timers
  wakeSources: readonly WakeSource[]
  onDue: () => void
  onWake: () => void
}

/**
 * One pending timer plus the moments a sleeping tab comes back. It decides nothing: the session
 * says when, and what to do on waking.
 */
export function createScheduler({ timers, wakeSources, onDue, onWake }: SchedulerOptions) {
  let timer: unknown = null
  let stops: Array<() => void> = []
  const cancel = () => {
    if (timer !== null) timers.clear(timer)
    timer = null
  }
  return {
    start(): void {
      if (stops.length === 0) stops = wakeSources.map((source) => source(onWake))
    },
    planIn(delayMs: number): void {
      cancel()
      timer = timers.set(
        () => {
          timer = null
          onDue()
        },
        Math.max(0, delayMs),
      )
    },
    cancel,
    stop(): void {
      cancel()
      for (const stopSource of stops) stopSource()
      stops = []
    },
  }
}

export type Scheduler = ReturnType<typeof createScheduler>
