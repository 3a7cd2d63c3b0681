import type { SessionTokens } from './auth-api'
import { hasLiveSession, isOver, isReconnecting, isSignedIn } from './auth-state'
import { createCrossTab, type ChannelMessage } from './cross-tab'
import { createDeadlines } from './deadlines'
import { sessionEndedError as sessionEnded, type AuthError } from './errors'
import { createEventStream, type AuthEventListener } from './events'
import { createLogoutMarker } from './logout-marker'
import { createRefresh } from './refresh'
import { createRequestTokens } from './request-tokens'
import { bindRequestAuth } from './request-auth'
import { createRetry } from './retry'
import { createScheduler, refreshLeadMs } from './scheduler'
import { createSessionActions } from './session-actions'
import { createSessionState } from './session-state'
import { withDefaults, type AuthSessionOptions } from './session-options'
import { signOutReasonFor, type SignOutReason } from './sign-out-reason'
import { createSingleFlight } from './single-flight'
import { createTokenStore, type AccessToken } from './token-store'
import { revocationReasonOf } from './refusal'
import { createStepUp } from './step-up'
import { randomHexId } from '../lib/random-id'

export type { AuthState } from './auth-state'
export type { AuthSessionOptions } from './session-options'

/**
 * One signed-in session per page: restores it from the refresh cookie, keeps the access token
 * fresh, shares it with other tabs, and ends it only when the server definitely says so. The
 * states and their changes are {@link transition}'s; this function only performs the effects.
 * `src/auth/README.md` maps the modules it composes.
 *
 * @example
 * const session = createAuthSession()
 * session.subscribe(() => console.info(session.getState().phase))
 * await session.restore() // 'restoring' → 'signed-in' | 'signed-out'
 * await session.signIn({ username: 'demo', password: 'demo-password-1' })
 */
export function createAuthSession(options: AuthSessionOptions = {}) {
  const { http, clock, timers, random, storage, ...given } = withDefaults(options)
  const tabId = randomHexId(6)
  const store = createTokenStore(clock, given.wallClock)
  const events = createEventStream(tabId)
  const flight = createSingleFlight<AccessToken>()
  const deadlines = createDeadlines(timers)
  const marker = createLogoutMarker(storage)
  const retry = createRetry(clock, random)
  const crossTab = createCrossTab({ ...given, storage, tabId, timers })
  const scheduler = createScheduler({
    timers,
    wakeSources: given.wakeSources,
    onDue: () => void onDue(),
    onWake: () => void onWake(),
  })
  const cell = createSessionState()
  const { get: state, dispatch } = cell
  const stepUp = createStepUp({
    reauthenticate: (proof) => actions.reauthenticate(proof),
    user: () => state().user,
  })
  /** Grows whenever a session ends or a sign-out begins: a token answer from before is dropped. */
  let era = 0
  let restoring: Promise<void> | null = null

  function acceptTokens(response: SessionTokens, source: 'network' | 'other-tab'): AccessToken {
    const token = store.set(response.accessToken, response.expiresIn)
    const wasSignedIn = isSignedIn(state())
    retry.reset()
    const { user, sessionExpiresAt } = response
    dispatch({ type: 'tokens-accepted', user, sessionExpiresAt })
    scheduler.planIn(token.lifetimeMs - refreshLeadMs(token.lifetimeMs))
    if (events.wanted()) {
      events.emit({ type: 'token-received', expiresInMs: token.lifetimeMs, source })
      if (!wasSignedIn) events.emit({ type: 'signed-in', userId: user.id })
    }
    return token
  }

  /** Installs a token answer from the server and shares it; `steppedUp` after a re-sign-in. */
  function acceptAndShare(response: SessionTokens, steppedUp = false): AccessToken {
    const token = acceptTokens(response, 'network')
    const { accessToken, expiresIn, sessionExpiresAt, user } = response
    const message = { type: 'token', accessToken, expiresIn, sessionExpiresAt, user } as const
    crossTab.publish(steppedUp ? { ...message, steppedUp } : message)
    return token
  }

  /** Forgets the session here: its token, its timers, its retries and whoever waits on them. */
  function forgetHere(): void {
    era++
    store.clear()
    scheduler.cancel()
    retry.reset()
    retry.attemptSettled({ error: sessionEnded() })
    stepUp.abandon(sessionEnded())
  }

  /** The session ended without the user: `publish` tells the other tabs (only under the lock). */
  function endSession(reason: SignOutReason, publish: boolean): void {
    const wasSignedIn = isSignedIn(state())
    forgetHere()
    dispatch({ type: 'session-ended', reason })
    if (!wasSignedIn) return
    events.emit({ type: 'signed-out', reason })
    if (publish) crossTab.publish({ type: 'signed-out', reason, logoutPending: false })
  }

  /** What a failed refresh means for the session; runs under the lock, so sign-outs publish. */
  function onRefreshFailed(error: AuthError): void {
    if (events.wanted()) events.emit({ type: 'refresh-failed', kind: error.kind, code: error.code })
    if (isOver(state())) return
    const throttled = error.status === 429
    const restoreRefused = state().phase === 'restoring' && error.kind === 'rejected' && !throttled
    if (error.kind === 'session_ended' || restoreRefused) {
      const revocation = revocationReasonOf(error)
      endSession(
        signOutReasonFor(error.code, state().sessionExpiresAt, Date.now(), revocation),
        true,
      )
    } else if (error.kind === 'bad_response' && retry.badResponseLimitReached()) {
      endSession('bad-response', true)
    } else {
      // Anything short of a definite refusal keeps the session and tries again later.
      dispatch({ type: 'refresh-failed-transiently' })
      scheduler.planIn(retry.failedTransiently(error.retryAfterSec))
    }
  }

  const refreshHoldingLock = createRefresh({
    http,
    clock,
    store,
    crossTab,
    events,
    era: () => era,
    signingOut: () => state().phase === 'signing-out',
    accept: (response) => acceptAndShare(response),
    failed: onRefreshFailed,
    ended: sessionEnded,
  })

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one call. */
  function refresh(): Promise<AccessToken> {
    if (isOver(state())) return Promise.reject(sessionEnded())
    // A burst's requests join here by the thousand: a join allocates nothing unless watched.
    const inFlight = flight.current()
    if (inFlight) {
      if (events.wanted()) events.emit({ type: 'refresh-joined' })
      return inFlight
    }
    const running = flight.run(() => {
      if (events.wanted()) events.emit({ type: 'refresh-started' })
      const atStart = [era, crossTab.heard(), store.get()?.epoch ?? 0] as const
      return crossTab.withLock((lease) => {
        // Signed out in a tab that could not tell the server: a tab that missed it learns it here.
        if (marker.isSet()) return Promise.reject(signedOutElsewhere('user', true))
        return refreshHoldingLock(...atStart, lease)
      })
    })
    // Once per refresh, not once per caller.
    running.then(
      (value) => retry.attemptSettled({ value }),
      (error: unknown) => retry.attemptSettled({ error }),
    )
    return running
  }

  const refreshQuietly = () => void refresh().catch(() => undefined)

  /** True when the token held should be replaced now. */
  function tokenDue(): boolean {
    const token = store.get()
    return token === null || store.msLeft() < refreshLeadMs(token.lifetimeMs)
  }

  function onDue(): void {
    if (marker.isSet() && state().phase === 'signed-out') void actions.deliverPendingLogout()
    // A refresh refuses by itself once the session is over.
    else refreshQuietly()
  }

  function onWake(): void {
    const now = state()
    if (now.phase === 'signed-out') {
      if (now.logoutPending) void actions.deliverPendingLogout()
    } else if (!flight.isRunning() && (isReconnecting(now) ? retry.mayTryEarly() : tokenDue())) {
      refreshQuietly()
    }
  }

  function onChannelMessage(message: ChannelMessage): void {
    if (message.type !== 'token') signedOutElsewhere(message.reason, message.logoutPending)
    else if (state().phase !== 'signing-out') {
      const token = acceptTokens(message, 'other-tab')
      if (message.steppedUp) stepUp.steppedUp(token)
    }
  }

  /** Another tab ended the session, for `reason`; returns the error for whoever waits here. */
  function signedOutElsewhere(reason: SignOutReason, logoutPending: boolean): AuthError {
    endSession(reason === 'user' ? 'other-tab' : reason, false)
    if (logoutPending) dispatch({ type: 'signed-out', logoutPending: true })
    return sessionEnded()
  }

  /** Restores from the cookie, after finishing a logout an earlier page could not deliver. */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      if (marker.isSet()) {
        const delivered = await actions.deliverPendingLogout()
        // Either way there is no session to restore: the cookie is revoked, or must not be used.
        dispatch({ type: 'signed-out', logoutPending: !delivered })
        return
      }
      // A tab that refreshed while this page started may already have shared the session here:
      // spending the cookie again would only rotate it once more.
      if (tokenDue()) await refresh().catch(() => undefined)
    })()
    return restoring
  }

  const requests = createRequestTokens({
    state,
    restore,
    refresh,
    flight,
    store,
    retry,
    stepUp,
    sessionEnded,
  })

  const actions = createSessionActions({
    http,
    crossTab,
    marker,
    scheduler,
    retry,
    events,
    state,
    dispatch,
    era: () => era,
    beginSignOut() {
      era++
      dispatch({ type: 'sign-out-started' })
      store.clear()
      scheduler.cancel()
    },
    forgetHere,
    acceptAndShare,
    validToken: requests.validToken,
    afterRejection: requests.afterRejection,
    afterStepUpRequired: requests.afterStepUpRequired,
    sessionEnded,
  })

  crossTab.start(onChannelMessage)
  scheduler.start()

  const session = {
    tabId,
    getState: state,
    /** Subscribe to state changes (the shape `useSyncExternalStore` expects). */
    subscribe: cell.subscribe,
    /** Subscribe to the event stream: refreshes, queued and replayed requests, sign-outs. */
    onEvent: (listener: AuthEventListener): (() => void) => events.subscribe(listener),
    /** The current access token, or null; never written anywhere else. */
    accessToken: (): AccessToken | null => store.get(),
    /**
     * The access token to send outside axios (WebSocket, EventSource, an SDK), refreshing first
     * when needed; null when signed out. Hand it over, never store it.
     */
    async getAccessToken(): Promise<string | null> {
      if (state().phase === 'restoring') await restore()
      if (!hasLiveSession(state())) return null
      return (await requests.validToken()).value
    },
    refresh,
    /** Restores from the refresh cookie once; a second call returns the first's promise. */
    restore,
    ...actions.forUser,
    /** The step-up prompt for the app to show while requests wait for a fresh sign-in. */
    stepUp: { prompt: stepUp.prompt, subscribe: stepUp.subscribe },
    /** Stops timers and listeners (tests, HMR). */
    dispose(): void {
      scheduler.stop()
      crossTab.stop()
      deadlines.stop()
      flight.stop()
      events.stop()
      cell.stop()
    },
  }

  bindRequestAuth(session, { events, deadlines, ...requests })

  return session
}

export type AuthSession = ReturnType<typeof createAuthSession>
