import type { AxiosInstance } from 'axios'
import { createAuthHttp } from './auth-api'
import {
  browserChannel,
  browserLocks,
  browserStorage,
  type ChannelLike,
  type LockManagerLike,
  type StorageLike,
} from './cross-tab'
import { browserWakeSources, type WakeSource } from './scheduler'
import {
  clampedTimers,
  monotonicClock,
  realTimers,
  wallClock,
  type Clock,
  type Timers,
} from './time'

export interface AuthSessionOptions {
  /** Client for the auth endpoints; must not carry the auth interceptor. */
  http?: AxiosInstance
  /** Web Locks, to let one tab refresh for all; null for a lock within this tab only. */
  locks?: LockManagerLike | null
  /** BroadcastChannel to share tokens and sign-outs between tabs; null to stay alone. */
  channel?: ChannelLike | null
  /** localStorage, for the generation counter and the pending-logout marker (never a token). */
  storage?: StorageLike | null
  /** The monotonic clock tokens expire on. */
  clock?: Clock
  /**
   * A second clock that runs on while the machine sleeps, for expiry as well; null for none.
   * Defaults to the wall clock, or to none when `clock` is given (a test's clock is all of time).
   */
  wallClock?: Clock | null
  /** Timers for refreshes, backoff and request timeouts. */
  timers?: Timers
  /** What wakes a sleeping tab (visible again, back online). */
  wakeSources?: readonly WakeSource[]
  random?: () => number
}

/** The options with the browser's defaults filled in (an explicit null stays null). */
export function withDefaults(options: AuthSessionOptions) {
  const pick = <T>(given: T | undefined, fallback: () => T): T =>
    given === undefined ? fallback() : given
  return {
    http: options.http ?? createAuthHttp(),
    clock: options.clock ?? monotonicClock,
    wallClock: pick(options.wallClock, () => (options.clock ? null : wallClock)),
    timers: clampedTimers(options.timers ?? realTimers),
    random: options.random ?? Math.random,
    storage: pick(options.storage, browserStorage),
    locks: pick(options.locks, browserLocks),
    channel: pick(options.channel, browserChannel),
    wakeSources: options.wakeSources ?? browserWakeSources(),
  }
}
