/**
 * The auth core's one front door: the app, the features, the lab and the benchmarks import from
 * here, never from the modules behind it (eslint enforces it), so those modules can move freely.
 */
export { createAuthSession } from './session'
export type { AuthSession, AuthSessionOptions, AuthState, AuthStatus } from './session'
export { installAuthInterceptor } from './interceptor'
export { createAuthFetch, type AuthFetchInit } from './auth-fetch'
export { AuthProvider, useAuth, useAuthSession, type UseAuth } from './react'
export { createAuthHttp, type Credentials, type User } from './auth-api'
export { AuthError, isAuthError, isSessionEnded, isTransient, type AuthErrorKind } from './errors'
export {
  SIGN_OUT_REASONS,
  endedByServer,
  eventKey,
  type AuthEvent,
  type AuthEventBody,
  type AuthEventListener,
  type SignOutReason,
} from './events'
export {
  RELAY_HISTORY_LIMIT,
  RELAY_HISTORY_MS,
  browserEventsChannel,
  relayEvents,
  subscribeToAllTabs,
} from './event-relay'
export {
  StepUpCancelledError,
  isStepUpCancelled,
  type StepUpPrompt,
  type StepUpProof,
} from './step-up'
export type { ChannelLike, LockManagerLike, StorageLike } from './cross-tab'
export type { Clock } from './token-store'
export type { Timers, WakeSource } from './scheduler'
