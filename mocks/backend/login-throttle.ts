import { FailureLog } from './failure-log.ts'

const WINDOW_MS = 15 * 60 * 1000
/** Failures for one username from one client address. */
const PAIR_LIMIT = 5
/** Failures for one username from every address together: a distributed guess. */
const USERNAME_LIMIT = 50
/** Keys each log holds at most; the least recently failed are forgotten first. */
export const FAILURE_LOG_CAPACITY = 10_000

export interface LoginFailures {
  byPair: FailureLog
  byUsername: FailureLog
}

export function newLoginFailures(): LoginFailures {
  return {
    byPair: new FailureLog(WINDOW_MS, PAIR_LIMIT, FAILURE_LOG_CAPACITY),
    byUsername: new FailureLog(WINDOW_MS, USERNAME_LIMIT, FAILURE_LOG_CAPACITY),
  }
}

/**
 * Failed passkey sign-ins per client address: a passkey names no account before it verifies, so
 * there is no username to count by. The limit is the one of a username from one address.
 */
export function newPasskeyLoginFailures(): FailureLog {
  return new FailureLog(WINDOW_MS, PAIR_LIMIT, FAILURE_LOG_CAPACITY)
}

// The address comes first and never holds a NUL, so the key is unambiguous whatever the
// username holds.
const pairKey = (username: string, address: string) => `${address}\u0000${username}`

/** Seconds until this sign-in may be tried, or 0 when it may be tried now. */
export function loginRetryAfterSec(
  failures: LoginFailures,
  username: string,
  address: string,
  now: number,
): number {
  return Math.max(
    failures.byPair.retryAfterSec(pairKey(username, address), now),
    failures.byUsername.retryAfterSec(username, now),
  )
}

export function recordLoginFailure(
  failures: LoginFailures,
  username: string,
  address: string,
  now: number,
): void {
  failures.byPair.record(pairKey(username, address), now)
  failures.byUsername.record(username, now)
}

/**
 * A success forgets this address's failures for the username; those from elsewhere still count
 * towards the username's limit, since the right password here says nothing about them.
 */
export function forgetLoginFailures(
  failures: LoginFailures,
  username: string,
  address: string,
): void {
  failures.byPair.forget(pairKey(username, address))
}
