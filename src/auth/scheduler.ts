import type { Timers } from './time'

/**
 * How long before expiry to refresh: a fifth of the lifetime, between half a second and a minute.
 * Proportional, so a 5-second lab token and a 5-minute one both refresh in time.
 */
export function refreshLeadMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(500, lifetimeMs / 5))
}

/** Something that says "the tab may have slept or been offline": calls `wake`, returns a stop. */
export type WakeSource = (wake: () => void) => () => void

/** The page became visible again. */
const visibilityWake: WakeSource = (wake) => {
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
const onlineWake = windowWake('online')
/** The page came back from the back/forward cache, where no timer ran. */
const pageshowWake = windowWake('pageshow')
/** The window got focus: after a laptop's sleep this can be the first sign, before any timer. */
const focusWake = windowWake('focus')

/**
 * Timers are no help after a sleep: they run on the monotonic clock, which stood still. These
 * events are the moments a tab can notice that time has passed and look at its token again.
 */
export function browserWakeSources(): readonly WakeSource[] {
  return typeof window === 'undefined' || typeof document === 'undefined'
    ? []
    : [visibilityWake, onlineWake, pageshowWake, focusWake]
}

interface SchedulerOptions {
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
