import { monotonicClock, wallClock, type Clock } from './time'

export interface AccessToken {
  readonly value: string
  /** Grows by one with every token this tab holds: tells a stale 401 from a fresh one. */
  readonly epoch: number
  /** On the store's monotonic clock. */
  readonly expiresAt: number
  /** On the store's wall clock; null when the store counts on the monotonic clock alone. */
  readonly wallExpiresAt: number | null
  readonly lifetimeMs: number
}

/**
 * Holds the access token in a closure: never on `window`, in storage, in React state or in a
 * log. Expiry is counted from `expiresIn` at receipt, so the token's own `exp` and what the wall
 * clock read when it came never matter; only time elapsed since does.
 *
 * Elapsed time is counted on two clocks, and the token is as old as the one that says more: the
 * monotonic clock stops while a laptop sleeps, and the wall clock can be set back, but each
 * failure makes only its own clock say too little. Either clock moving too far makes the token
 * due early, which costs one refresh; a token that looks fresh after it expired costs a 401.
 */
export function createTokenStore(clock: Clock = monotonicClock, wall: Clock | null = wallClock) {
  let current: AccessToken | null = null
  let epoch = 0

  function msLeftOf(token: AccessToken): number {
    const byWall = wall && token.wallExpiresAt !== null ? token.wallExpiresAt - wall() : Infinity
    return Math.min(token.expiresAt - clock(), byWall)
  }

  return {
    set(value: string, expiresInSec: number): AccessToken {
      const lifetimeMs = expiresInSec * 1000
      current = {
        value,
        epoch: ++epoch,
        expiresAt: clock() + lifetimeMs,
        wallExpiresAt: wall ? wall() + lifetimeMs : null,
        lifetimeMs,
      }
      return current
    },
    get: (): AccessToken | null => current,
    clear(): void {
      current = null
    },
    /** Milliseconds left before `token` expires, by whichever clock says fewer; negative once expired. */
    msLeftOf,
    /** Milliseconds left before expiry; negative once expired, -Infinity with no token. */
    msLeft: (): number => (current ? msLeftOf(current) : -Infinity),
  }
}

export type TokenStore = ReturnType<typeof createTokenStore>
