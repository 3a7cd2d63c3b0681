/** A monotonic clock in milliseconds; wall-clock time would let a wrong system clock decide. */
export type Clock = () => number

export const monotonicClock: Clock = () => performance.now()

export interface AccessToken {
  readonly value: string
  /** Grows by one with every token this tab holds: tells a stale 401 from a fresh one. */
  readonly epoch: number
  /** On the store's monotonic clock. */
  readonly expiresAt: number
  readonly lifetimeMs: number
}

/**
 * Holds the access token in a closure: never on `window`, in storage, in React state or in a
 * log. Expiry is counted from `expiresIn` at receipt, so the token's own `exp` and the client's
 * wall clock never matter.
 */
export function createTokenStore(clock: Clock = monotonicClock) {
  let current: AccessToken | null = null
  let epoch = 0

  return {
    set(value: string, expiresInSec: number): AccessToken {
      const lifetimeMs = expiresInSec * 1000
      current = { value, epoch: ++epoch, expiresAt: clock() + lifetimeMs, lifetimeMs }
      return current
    },
    get: (): AccessToken | null => current,
    clear(): void {
      current = null
    },
    /** Milliseconds left before expiry; negative once expired, -Infinity with no token. */
    msLeft: (): number => (current ? current.expiresAt - clock() : -Infinity),
  }
}

export type TokenStore = ReturnType<typeof createTokenStore>
