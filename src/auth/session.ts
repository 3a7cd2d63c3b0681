import type { AxiosInstance } from 'axios'
import {
  createAuthHttp,
  postLogin,
  postLogout,
  postLogoutAll,
  postLogoutOthers,
  postOAuthCode,
  postPasskeyLogin,
  postReauthenticate,
  postRefresh,
  type Credentials,
  type TokenResponse,
  type User,
} from './auth-api'
import type { PasskeyLogin } from '../../contract/account'
import type { CodeExchange } from '../../contract/auth'
import { initialAuthState, transition, type AuthAction, type AuthState } from './auth-state'
import {
  browserChannel,
  browserLocks,
  browserStorage,
  createCrossTab,
  type ChannelLike,
  type ChannelMessage,
  type Lease,
  type LockManagerLike,
  type StorageLike,
} from './cross-tab'
import { createDeadlines } from './deadlines'
import { AuthError, toAuthError } from './errors'
import { createEventStream, type AuthEventListener, type SignOutReason } from './events'
import { createLogoutMarker } from './logout-marker'
import { bindRequestAuth } from './request-auth'
import {
  backoffMs,
  browserWakeSources,
  clampedTimers,
  createScheduler,
  realTimers,
  refreshLeadMs,
  type Timers,
  type WakeSource,
} from './scheduler'
import { signOutReasonFor } from './sign-out-reason'
import { createSingleFlight } from './single-flight'
import {
  createTokenStore,
  monotonicClock,
  wallClock,
  type AccessToken,
  type Clock,
} from './token-store'
import { refusalOf, revocationReasonOf } from './refusal'
import { createStepUp, type StepUpProof } from './step-up'
import { randomHexId } from '../lib/random-id'

export type { AuthState, AuthStatus } from './auth-state'

type SessionTokens = Pick<TokenResponse, 'accessToken' | 'expiresIn' | 'sessionExpiresAt' | 'user'>

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

/** How many answers that are not a token response a session survives before it ends. */
export const BAD_RESPONSE_LIMIT = 3
/** How long the next lock holder waits for the token the last one is known to have posted. */
export const CATCH_UP_MS = 1000
/** A token with less left than this is refreshed before it is handed out. */
const HAND_OUT_MARGIN_MS = 1000

const sessionEnded = () =>
  new AuthError('session_ended', 'You need to sign in again.', null, 401, null)

/**
 * One signed-in session per page: restores it from the refresh cookie, keeps the access token
 * fresh, shares it with other tabs, and ends it only when the server definitely says so. The
 * states and their changes are {@link transition}'s; this function only performs the effects.
 *
 * @example
 * const session = createAuthSession()
 * session.subscribe(() => console.info(session.getState().status))
 * await session.restore() // 'restoring' → 'signed-in' | 'signed-out'
 * await session.signIn({ username: 'demo', password: 'demo-password-1' })
 */
export function createAuthSession(options: AuthSessionOptions = {}) {
  const http = options.http ?? createAuthHttp()
  const clock = options.clock ?? monotonicClock
  const timers = clampedTimers(options.timers ?? realTimers)
  const random = options.random ?? Math.random
  const storage = options.storage === undefined ? browserStorage() : options.storage
  const tabId = randomHexId(6)

  const store = createTokenStore(
    clock,
    options.wallClock !== undefined ? options.wallClock : options.clock ? null : wallClock,
  )
  const events = createEventStream(tabId)
  const flight = createSingleFlight<AccessToken>()
  const deadlines = createDeadlines(timers)
  const marker = createLogoutMarker(storage)
  const crossTab = createCrossTab({
    locks: options.locks === undefined ? browserLocks() : options.locks,
    channel: options.channel === undefined ? browserChannel() : options.channel,
    storage,
    tabId,
    timers,
  })
  const scheduler = createScheduler({
    timers,
    wakeSources: options.wakeSources ?? browserWakeSources(),
    onDue: () => void onDue(),
    onWake: () => void onWake(),
  })
  const stepUp = createStepUp({ reauthenticate, user: () => state.user })
  const listeners = new Set<() => void>()
  let state: AuthState = initialAuthState

  /** Grows whenever a session ends or a sign-out begins: a token answer from before is dropped. */
  let era = 0
  let restoring: Promise<void> | null = null
  let transientFailures = 0
  let badResponses = 0
  /** While reconnecting: no attempt before this (Retry-After), and one early attempt per window. */
  let notBefore = 0
  let earlyAttemptUsed = false
  /** Requests waiting out the backoff for the next attempt; created only when one waits. */
  let nextAttempt: {
    promise: Promise<AccessToken>
    resolve: (token: AccessToken) => void
    reject: (error: unknown) => void
  } | null = null

  function dispatch(action: AuthAction): void {
    const next = transition(state, action)
    if (next === state) return
    state = next
    for (const listener of listeners) listener()
  }

  function acceptTokens(response: SessionTokens, source: 'network' | 'other-tab'): AccessToken {
    const token = store.set(response.accessToken, response.expiresIn)
    const wasSignedIn = state.status === 'signed-in'
    transientFailures = 0
    badResponses = 0
    dispatch({
      type: 'tokens-accepted',
      user: response.user,
      sessionExpiresAt: response.sessionExpiresAt,
    })
    scheduler.planIn(token.lifetimeMs - refreshLeadMs(token.lifetimeMs))
    if (events.wanted()) {
      events.emit({ type: 'token-received', expiresInMs: token.lifetimeMs, source })
      if (!wasSignedIn) events.emit({ type: 'signed-in', userId: response.user.id })
    }
    return token
  }

  /** `steppedUp` when the token comes from a re-authentication: its sign-in is fresh. */
  function shareTokens(response: SessionTokens, steppedUp = false): void {
    crossTab.publish({
      type: 'token',
      accessToken: response.accessToken,
      expiresIn: response.expiresIn,
      sessionExpiresAt: response.sessionExpiresAt,
      user: response.user,
      ...(steppedUp ? { steppedUp: true } : {}),
    })
  }

  function settleNextAttempt(outcome: { token: AccessToken } | { error: unknown }): void {
    const waiting = nextAttempt
    nextAttempt = null
    if (!waiting) return
    if ('token' in outcome) waiting.resolve(outcome.token)
    else waiting.reject(outcome.error)
  }

  /** Forgets the session here; `publish` tells the other tabs (only under the lock). */
  function endSession(reason: SignOutReason, publish: boolean): void {
    const wasSignedIn = state.status === 'signed-in'
    era++
    store.clear()
    scheduler.cancel()
    transientFailures = 0
    badResponses = 0
    dispatch({ type: 'session-ended', reason })
    settleNextAttempt({ error: sessionEnded() })
    stepUp.abandon(sessionEnded())
    if (!wasSignedIn) return
    events.emit({ type: 'signed-out', reason })
    if (publish) crossTab.publish({ type: 'signed-out', reason, logoutPending: false })
  }

  function keepTrying(error: AuthError): void {
    transientFailures++
    dispatch({ type: 'refresh-failed-transiently' })
    const retryAfterMs = (error.retryAfterSec ?? 0) * 1000
    notBefore = clock() + retryAfterMs
    earlyAttemptUsed = false
    scheduler.planIn(Math.max(backoffMs(transientFailures, random), retryAfterMs))
  }

  /** What a failed refresh means for the session; runs under the lock, so sign-outs publish. */
  function onRefreshFailed(error: AuthError): void {
    if (events.wanted()) events.emit({ type: 'refresh-failed', kind: error.kind, code: error.code })
    if (state.status === 'signed-out' || state.signingOut) return
    const throttled = error.status === 429
    const restoreRefused = state.status === 'restoring' && error.kind === 'rejected' && !throttled
    if (error.kind === 'session_ended' || restoreRefused) {
      const revocation = revocationReasonOf(error)
      endSession(signOutReasonFor(error.code, state.sessionExpiresAt, Date.now(), revocation), true)
    } else if (error.kind === 'bad_response' && ++badResponses >= BAD_RESPONSE_LIMIT) {
      endSession('bad-response', true)
    } else {
      // Anything short of a definite refusal keeps the session and tries again later.
      keepTrying(error)
    }
  }

  /**
   * Another tab took the lock over while this one's refresh was out (this page was frozen): its
   * answer is older than the token that tab shared, which is the one to use.
   */
  async function tokenAfterPassedBy(epochAtStart: number): Promise<AccessToken> {
    await crossTab.catchUp(CATCH_UP_MS)
    const current = store.get()
    if (current && current.epoch > epochAtStart) return current
    const error = new AuthError('transient', 'We could not reach the server.')
    onRefreshFailed(error)
    throw error
  }

  async function refreshHoldingLock(
    eraAtStart: number,
    heardAtStart: number,
    epochAtStart: number,
    lease: Lease,
  ) {
    if (era !== eraAtStart || state.signingOut) throw sessionEnded()
    // Another tab may have refreshed while this one waited for the lock. It wrote the new
    // generation before releasing the lock, so its token is known to be on its way: wait for it
    // rather than present the cookie again.
    if (crossTab.heard() === heardAtStart) await crossTab.catchUp(CATCH_UP_MS)
    if (era !== eraAtStart || state.signingOut) throw sessionEnded()
    const current = store.get()
    if (
      current &&
      current.epoch > epochAtStart &&
      store.msLeft() > refreshLeadMs(current.lifetimeMs)
    ) {
      if (events.wanted()) {
        events.emit({ type: 'refresh-succeeded', durationMs: 0, source: 'other-tab' })
      }
      return current
    }
    const started = clock()
    let response: TokenResponse
    try {
      response = await postRefresh(http)
    } catch (cause) {
      const error = toAuthError(cause)
      if (await crossTab.passedBy(lease)) return tokenAfterPassedBy(epochAtStart)
      // An answer for a session that is being (or has been) ended here says nothing any more.
      if (era === eraAtStart) onRefreshFailed(error)
      throw error
    }
    // A sign-out began while the answer was on its way: this token belongs to the ended session.
    if (era !== eraAtStart || state.signingOut) throw sessionEnded()
    if (await crossTab.passedBy(lease)) return tokenAfterPassedBy(epochAtStart)
    const token = acceptTokens(response, 'network')
    shareTokens(response)
    if (events.wanted()) {
      events.emit({ type: 'refresh-succeeded', durationMs: clock() - started, source: 'network' })
    }
    return token
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one call. */
  function refresh(): Promise<AccessToken> {
    if (state.status === 'signed-out' || state.signingOut) return Promise.reject(sessionEnded())
    // A burst's requests join here by the thousand: a join allocates nothing unless watched.
    const inFlight = flight.current()
    if (inFlight) {
      if (events.wanted()) events.emit({ type: 'refresh-joined' })
      return inFlight
    }
    const running = flight.run(() => {
      if (events.wanted()) events.emit({ type: 'refresh-started' })
      const eraAtStart = era
      const heardAtStart = crossTab.heard()
      const epochAtStart = store.get()?.epoch ?? 0
      return crossTab.withLock((lease) =>
        refreshHoldingLock(eraAtStart, heardAtStart, epochAtStart, lease),
      )
    })
    // Once per refresh, not once per caller.
    running.then(
      (token) => settleNextAttempt({ token }),
      (error: unknown) => settleNextAttempt({ error }),
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
    if (marker.isSet() && state.status === 'signed-out') void deliverPendingLogout()
    else if (state.status !== 'signed-out') refreshQuietly()
  }

  function onWake(): void {
    if (state.logoutPending) {
      void deliverPendingLogout()
      return
    }
    if (state.status === 'signed-out' || flight.isRunning()) return
    if (state.reconnecting) {
      // Waking is a hint that the network may be back: one early attempt per backoff window, and
      // never before the server's Retry-After.
      if (earlyAttemptUsed || clock() < notBefore) return
      earlyAttemptUsed = true
      refreshQuietly()
    } else if (tokenDue()) {
      refreshQuietly()
    }
  }

  /**
   * A token a request may carry, waiting as needed: for the restore, for the refresh in flight,
   * or, while reconnecting, for the next scheduled attempt (never an attempt of its own).
   * Null when there is no session.
   */
  async function tokenForRequest(): Promise<AccessToken | null> {
    if (state.status === 'restoring') await restore()
    if (state.status !== 'signed-in' || state.signingOut) return null
    const running = flight.current()
    if (running) return running
    const token = store.get()
    if (token && store.msLeft() > 0) return token
    if (state.reconnecting) {
      if (!nextAttempt) {
        let resolve: (token: AccessToken) => void = () => undefined
        let reject: (error: unknown) => void = () => undefined
        const promise = new Promise<AccessToken>((yes, no) => {
          resolve = yes
          reject = no
        })
        nextAttempt = { promise, resolve, reject }
      }
      return nextAttempt.promise
    }
    return refresh()
  }

  /** After a 401 for a request's token: `newer-token` when one already replaced it. */
  function afterRejection(epoch: number): 'newer-token' | Promise<AccessToken> {
    if (state.status === 'signed-out' || state.signingOut) throw sessionEnded()
    const current = store.get()
    if (current && current.epoch > epoch) return 'newer-token'
    if (state.reconnecting && !flight.isRunning()) {
      return tokenForRequest().then((token) => token ?? Promise.reject(sessionEnded()))
    }
    return refresh()
  }

  /** After a 401 asking for a fresh sign-in, for a token of `epoch`: never a refresh. */
  function afterStepUpRequired(epoch: number): 'newer-token' | Promise<AccessToken> {
    if (state.status === 'signed-out' || state.signingOut) throw sessionEnded()
    return stepUp.required(epoch)
  }

  /**
   * Proves the user is still there and installs the token it earns for the same session, as a
   * refresh result is installed (a new epoch), then shares it with the other tabs as stepped up.
   */
  async function reauthenticate(proof: StepUpProof): Promise<AccessToken> {
    const eraAtStart = era
    const token = await validToken()
    return crossTab.withLock(async () => {
      if (era !== eraAtStart || state.signingOut) throw sessionEnded()
      let response: TokenResponse
      try {
        response = await postReauthenticate(http, token.value, proof)
      } catch (cause) {
        throw toAuthError(cause)
      }
      if (era !== eraAtStart || state.signingOut) throw sessionEnded()
      const fresh = acceptTokens(response, 'network')
      shareTokens(response, true)
      return fresh
    })
  }

  /**
   * Calls a step-up endpoint of the auth API with the token, and once more after the user has
   * confirmed it is them when the server asks for that.
   */
  async function withStepUp(call: (accessToken: string) => Promise<void>): Promise<void> {
    const token = await validToken()
    try {
      return await call(token.value)
    } catch (cause) {
      const error = toAuthError(cause)
      if (refusalOf(error.status ?? undefined, error.code, null) !== 'step-up') throw error
      const next = afterStepUpRequired(token.epoch)
      const fresh = next === 'newer-token' ? await validToken() : await next
      return call(fresh.value).catch((again: unknown) => {
        throw toAuthError(again)
      })
    }
  }

  function onChannelMessage(message: ChannelMessage): void {
    if (message.type === 'token') {
      if (state.signingOut) return
      const token = acceptTokens(message, 'other-tab')
      if (message.steppedUp) stepUp.steppedUp(token)
      return
    }
    endSession(message.reason === 'user' ? 'other-tab' : message.reason, false)
    if (message.logoutPending) dispatch({ type: 'signed-out', logoutPending: true })
  }

  /**
   * Tells the server about a logout that could not reach it. True once it has heard (or there
   * was nothing to tell); false while it still cannot be reached.
   */
  async function deliverPendingLogout(): Promise<boolean> {
    return crossTab.withLock(async () => {
      if (!marker.isSet()) {
        dispatch({ type: 'logout-delivered' })
        return true
      }
      try {
        await postLogout(http)
      } catch (cause) {
        if (toAuthError(cause).kind === 'transient') {
          scheduler.planIn(backoffMs(++transientFailures, random))
          return false
        }
      }
      transientFailures = 0
      marker.clear()
      dispatch({ type: 'logout-delivered' })
      return true
    })
  }

  /** Restores from the cookie, after finishing a logout an earlier page could not deliver. */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      if (marker.isSet()) {
        const delivered = await deliverPendingLogout()
        // Either way there is no session to restore: the cookie is revoked, or must not be used.
        dispatch({ type: 'signed-out', logoutPending: !delivered })
        return
      }
      // A tab that refreshed while this page started may already have shared the session here:
      // spending the cookie again would only rotate it once more.
      if (!tokenDue()) return
      await refresh().catch(() => undefined)
    })()
    return restoring
  }

  /** Takes the token response of a sign-in, of whatever kind, and shares it with other tabs. */
  function startSession(request: () => Promise<SessionTokens>): Promise<User> {
    return crossTab.withLock(async () => {
      // A logout still owed goes first: the sign-in replaces the cookie it would name.
      if (marker.isSet()) {
        await postLogout(http).catch(() => undefined)
        marker.clear()
      }
      let response: SessionTokens
      try {
        response = await request()
      } catch (cause) {
        throw toAuthError(cause)
      }
      acceptTokens(response, 'network')
      shareTokens(response)
      return response.user
    })
  }

  /** A token good for at least another second, refreshing first when needed. */
  async function validToken(): Promise<AccessToken> {
    const token = store.get()
    if (token && store.msLeft() > HAND_OUT_MARGIN_MS && !flight.isRunning()) return token
    const fresh = await tokenForRequest()
    if (!fresh) throw sessionEnded()
    return store.msLeftOf(fresh) > 0 ? fresh : refresh()
  }

  /** Ends the session here and in every tab once the server has been told, or will be. */
  async function endByUser(tellServer: () => Promise<void>, holdingLock: boolean): Promise<void> {
    const run = async () => {
      let pending = false
      // Written before the request leaves: a tab closed while it is on its way leaves the marker,
      // and the next start finishes the sign-out instead of restoring the session.
      marker.set()
      try {
        await tellServer()
      } catch (cause) {
        // No answer at all: the server session lives on until it hears from us.
        pending = toAuthError(cause).kind === 'transient'
      }
      const wasSignedIn = state.status === 'signed-in'
      if (!pending) marker.clear()
      era++
      store.clear()
      scheduler.cancel()
      transientFailures = 0
      dispatch({ type: 'signed-out', logoutPending: pending })
      settleNextAttempt({ error: sessionEnded() })
      stepUp.abandon(sessionEnded())
      if (wasSignedIn) {
        events.emit({ type: 'signed-out', reason: 'user' })
        crossTab.publish({ type: 'signed-out', reason: 'user', logoutPending: pending })
      }
      if (pending) scheduler.planIn(backoffMs(1, random))
    }
    return holdingLock ? run() : crossTab.withLock(run)
  }

  crossTab.start(onChannelMessage)
  scheduler.start()

  const session = {
    tabId,

    getState: (): AuthState => state,

    /** Subscribe to state changes (the shape `useSyncExternalStore` expects). */
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    /** Subscribe to the event stream: refreshes, queued and replayed requests, sign-outs. */
    onEvent: (listener: AuthEventListener): (() => void) => events.subscribe(listener),

    /** The current access token, or null; never written anywhere else. */
    accessToken: (): AccessToken | null => store.get(),

    /**
     * The access token to send outside axios (WebSocket, EventSource, an SDK), refreshing first
     * when needed; null when signed out. Hand it over, never store it.
     */
    async getAccessToken(): Promise<string | null> {
      if (state.status === 'restoring') await restore()
      if (state.status !== 'signed-in' || state.signingOut) return null
      return (await validToken()).value
    },

    refresh,

    /**
     * Restores the session from the refresh cookie with one refresh call. Idempotent: a second
     * call (StrictMode, HMR) returns the first one's promise. Never rejects.
     */
    restore,

    /** Signs in with a password. Rejects with an {@link AuthError} the UI can show. */
    signIn: (credentials: Credentials): Promise<User> =>
      startSession(() => postLogin(http, credentials)),

    /**
     * Signs in with the code a social provider redirected back with, and the PKCE verifier kept
     * since the sign-in started (none for a provider without PKCE). Rejects with an
     * {@link AuthError} (`invalid_grant` for any bad code) and changes nothing then.
     *
     * @example
     * const redirectUri = `${origin}/auth/callback/kakao`
     * await session.signInWithProvider('kakao', { code, codeVerifier, redirectUri, remember: true })
     */
    signInWithProvider: (provider: string, grant: CodeExchange): Promise<User> =>
      startSession(() => postOAuthCode(http, provider, grant)),

    /**
     * Signs in with a passkey assertion (`startAuthentication`'s answer to the options of
     * `POST /api/auth/passkey/options`). Rejects with an {@link AuthError} (`passkey_invalid`).
     *
     * @example
     * await session.signInWithPasskey({ credential, remember: true })
     */
    signInWithPasskey: (login: PasskeyLogin): Promise<User> =>
      startSession(() => postPasskeyLogin(http, login)),

    /**
     * Revokes this session on the server, then forgets it here and in every other tab. Holds the
     * refresh lock throughout, so no refresh in any tab crosses it. When the server cannot be
     * reached the session still ends here, with `logoutPending` set until the server is told.
     */
    signOut(): Promise<void> {
      era++
      dispatch({ type: 'sign-out-started' })
      store.clear()
      scheduler.cancel()
      return endByUser(() => postLogout(http), false)
    },

    /**
     * Revokes every session of the user, on every device. A step-up endpoint: the user may be
     * asked to confirm it is them first (see {@link AuthSession.stepUp}).
     */
    signOutEverywhere: (): Promise<void> =>
      // The step-up prompt waits outside the lock: re-authenticating takes it too.
      withStepUp((accessToken) =>
        crossTab.withLock(async () => {
          await postLogoutAll(http, accessToken)
          await endByUser(async () => undefined, true)
        }),
      ),

    /** Revokes every other session of the user and keeps this one. A step-up endpoint. */
    signOutOthers: (): Promise<void> =>
      withStepUp((accessToken) => postLogoutOthers(http, accessToken)),

    /**
     * The step-up prompt for the app to show while requests wait for the user to confirm it is
     * them (`401 reauthentication_required`); null when none waits.
     *
     * @example
     * const prompt = useSyncExternalStore(session.stepUp.subscribe, session.stepUp.prompt)
     * await prompt?.confirm({ password }) // rejects with an AuthError to show; stays open
     */
    stepUp: { prompt: stepUp.prompt, subscribe: stepUp.subscribe },

    /** Stops timers and listeners (tests, HMR). */
    dispose(): void {
      scheduler.stop()
      crossTab.stop()
      deadlines.stop()
      flight.stop()
      events.stop()
      listeners.clear()
    },
  }

  bindRequestAuth(session, {
    events,
    deadlines,
    ready(): AccessToken | null | undefined {
      const { status } = state
      if (status === 'signed-out') return null
      if (status === 'restoring' || state.signingOut || flight.isRunning()) return undefined
      return store.msLeft() > 0 ? store.get() : undefined
    },
    tokenForRequest,
    afterRejection,
    afterStepUpRequired,
    signedOut: () => state.status === 'signed-out' || state.signingOut,
  })

  return session
}

export type AuthSession = ReturnType<typeof createAuthSession>
