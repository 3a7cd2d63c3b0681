/**
 * The auth core's one front door: the app, the features, the lab and the benchmarks import from
 * here, never from the modules behind it (eslint enforces it), so those modules can move freely.
 */
export { createAuthSession } from './session'
export type { AuthSession, AuthSessionOptions, AuthState } from './session'
export { isReconnecting, isSignedIn } from './auth-state'
export { installAuthInterceptor } from './interceptor'
export { createAuthFetch } from './auth-fetch'
export { AuthProvider, useAuth, useAuthSession } from './react'
export { createAuthHttp } from './auth-api'
export { isAuthError } from './errors'
export { eventKey, type AuthEvent } from './events'
export { SIGN_OUT_REASONS, endedByServer, type SignOutReason } from './sign-out-reason'
export {
  RELAY_HISTORY_LIMIT,
  RELAY_HISTORY_MS,
  browserEventsChannel,
  relayEvents,
  subscribeToAllTabs,
} from './event-relay'
export { isStepUpCancelled, type StepUpPrompt, type StepUpProof } from './step-up'
/**
 * The core's retry rules, for code that must retry exactly as the app does (the fault suite's
 * simulated browsers): the backoff after the nth transient failure in a row, the `Retry-After`
 * a server asked for (in seconds, capped at an hour), and how long before a token's expiry it is
 * refreshed.
 *
 * @example
 * const waitMs = Math.max(backoffMs(failures), (parseRetryAfter(header, Date.now()) ?? 0) * 1000)
 */
export { backoffMs } from './retry'
export { parseRetryAfter } from './retry-after'
export { refreshLeadMs } from './scheduler'
// For the options of createAuthSession: a page's or a test's own tabs.
export type { ChannelLike, LockManagerLike } from './cross-tab'
