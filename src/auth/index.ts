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
// For the options of createAuthSession: a page's or a test's own tabs.
export type { ChannelLike, LockManagerLike } from './cross-tab'
