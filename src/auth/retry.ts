import { createDeferred, settle, type Deferred } from './deferred'
import type { Clock } from './time'
import type { AccessToken } from './token-store'

/** How many answers that are not a token response a session survives before it ends. */
const BAD_RESPONSE_LIMIT = 3

/** Exponential backoff with jitter for transient failures: ~1 s, 2 s, 4 s … capped at 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1))
  return ceiling / 2 + (ceiling / 2) * random()
}

/**
 * A session's retrying, in one place: how many attempts failed and how, how long to back off,
 * whether waking may try early, and the requests waiting for the next attempt.
 */
export function createRetry(clock: Clock, random: () => number) {
  let transientFailures = 0
  let badResponses = 0
  /** No attempt before this (the server's Retry-After), and one early attempt per window. */
  let notBefore = 0
  let earlyAttemptUsed = false
  /** Requests waiting out the backoff; created only when one waits. */
  let nextAttempt: Deferred<AccessToken> | null = null

  return {
    /** A token came, or the session ended: counting starts again. */
    reset(): void {
      transientFailures = 0
      badResponses = 0
    },

    /** An attempt got no definite answer: how long to wait before the next one. */
    failedTransiently(retryAfterSec: number | null): number {
      transientFailures++
      const retryAfterMs = (retryAfterSec ?? 0) * 1000
      notBefore = clock() + retryAfterMs
      earlyAttemptUsed = false
      return Math.max(backoffMs(transientFailures, random), retryAfterMs)
    },

    /** An answer that is not a token response: true once there have been too many. */
    badResponseLimitReached: (): boolean => ++badResponses >= BAD_RESPONSE_LIMIT,

    /**
     * Waking is a hint that the network may be back: true for one early attempt per backoff
     * window, and never before the server's Retry-After.
     */
    mayTryEarly(): boolean {
      if (earlyAttemptUsed || clock() < notBefore) return false
      earlyAttemptUsed = true
      return true
    },

    /** The token of the next attempt, for a request that must not start one of its own. */
    nextAttempt(): Promise<AccessToken> {
      nextAttempt ??= createDeferred()
      return nextAttempt.promise
    },

    /** An attempt is over: whoever waited for it gets its outcome. */
    attemptSettled(outcome: { value: AccessToken } | { error: unknown }): void {
      const waiting = nextAttempt
      nextAttempt = null
      settle(waiting, outcome)
    },
  }
}

export type Retry = ReturnType<typeof createRetry>
