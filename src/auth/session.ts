import type { AxiosInstance } from 'axios'
import {
  createAuthHttp,
  postLogin,
  postLogout,
  postLogoutAll,
  postLogoutOthers,
  postOAuthCode,
  postRefresh,
  type AuthorizationCodeGrant,
  type Credentials,
  type TokenResponse,
  type User,
} from './auth-api'
import { toAuthError } from './errors'
import {
  createEventStream,
  endedByServer,
  type AuthEventListener,
  type SignOutReason,
} from './events'
import {
  browserChannel,
  browserLocks,
  channelMessageSchema,
  createSingleFlight,
  withCrossTabLock,
  type ChannelLike,
  type ChannelMessage,
  type LockManagerLike,
} from './refresh'
import { backoffMs, createScheduler, refreshLeadMs } from './scheduler'
import { signOutReasonFor } from './sign-out-reason'
import { createTokenStore, monotonicClock, type AccessToken, type Clock } from './token-store'

export type AuthStatus = 'restoring' | 'signed-in' | 'signed-out'

export interface AuthState {
  readonly status: AuthStatus
  readonly user: User | null
  /** Why the last session ended; null until one has (a fresh visitor was never signed in). */
  readonly endedBecause: SignOutReason | null
  /** A refresh failed for a transient reason and is being retried; the session is kept. */
  readonly reconnecting: boolean
  /**
   * When the session ends absolutely, in wall-clock ms (the server's `sessionExpiresAt`); null
   * when signed out or when the backend does not say (contract v1).
   */
  readonly sessionExpiresAt: number | null
}

type SessionTokens = Pick<TokenResponse, 'accessToken' | 'expiresIn' | 'sessionExpiresAt' | 'user'>

export interface AuthSessionOptions {
  /** Client for the auth endpoints; must not carry the auth interceptor. */
  http?: AxiosInstance
  /** Web Locks, to let one tab refresh for all; null for per-tab single flight only. */
  locks?: LockManagerLike | null
  /** BroadcastChannel to share tokens and sign-outs between tabs; null to stay alone. */
  channel?: ChannelLike | null
  clock?: Clock
  random?: () => number
}

/** Resolves after the tasks already queued (a channel message, say) have run. */
const nextTask = () => new Promise<void>((done) => setTimeout(done, 0))

const sameUser = (a: User | null, b: User) => a !== null && JSON.stringify(a) === JSON.stringify(b)

/**
 * One signed-in session per page: restores it from the refresh cookie, keeps the access token
 * fresh, shares it with other tabs, and ends it only when the server definitely says so.
 *
 * @example
 * const session = createAuthSession()
 * session.subscribe(() => console.info(session.getState().status))
 * await session.restore() // 'restoring' → 'signed-in' | 'signed-out'
 * await session.signIn({ username: 'demo', password: 'demo-password-1' })
 */
export function createAuthSession(options: AuthSessionOptions = {}) {
  const http = options.http ?? createAuthHttp()
  const locks = options.locks === undefined ? browserLocks() : options.locks
  const channel = options.channel === undefined ? browserChannel() : options.channel
  const clock = options.clock ?? monotonicClock
  const random = options.random ?? Math.random
  const tabId = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16)).join(
    '',
  )

  const store = createTokenStore(clock)
  const events = createEventStream(tabId)
  const flight = createSingleFlight<AccessToken>()
  const listeners = new Set<() => void>()
  let state: AuthState = {
    status: 'restoring',
    user: null,
    endedBecause: null,
    reconnecting: false,
    sessionExpiresAt: null,
  }
  let restoring: Promise<void> | null = null
  let transientFailures = 0

  function setState(next: Partial<AuthState>): void {
    state = { ...state, ...next }
    for (const listener of listeners) listener()
  }

  function acceptTokens(response: SessionTokens, source: 'network' | 'other-tab'): AccessToken {
    const token = store.set(response.accessToken, response.expiresIn)
    const wasSignedIn = state.status === 'signed-in'
    transientFailures = 0
    setState({
      status: 'signed-in',
      // Keeping the same object when nothing changed spares React a re-render on every refresh.
      user: sameUser(state.user, response.user) ? state.user : response.user,
      reconnecting: false,
      sessionExpiresAt: response.sessionExpiresAt,
    })
    scheduler.planIn(token.lifetimeMs - refreshLeadMs(token.lifetimeMs))
    events.emit({ type: 'token-received', expiresInMs: token.lifetimeMs, source })
    if (!wasSignedIn) events.emit({ type: 'signed-in', userId: response.user.id })
    return token
  }

  function shareTokens(response: SessionTokens): void {
    channel?.postMessage({
      type: 'token',
      from: tabId,
      accessToken: response.accessToken,
      expiresIn: response.expiresIn,
      sessionExpiresAt: response.sessionExpiresAt,
      user: response.user,
    } satisfies ChannelMessage)
  }

  function endSession(reason: SignOutReason, tellOtherTabs: boolean): void {
    const wasSignedIn = state.status === 'signed-in'
    store.clear()
    scheduler.cancel()
    transientFailures = 0
    // A first visit that finds no session is not an ended session: show no message for it. A
    // restore the server refuses for a known cause (expired, revoked, reused) did find one.
    const worthTelling = wasSignedIn || (endedByServer(reason) && reason !== 'ended')
    setState({
      status: 'signed-out',
      user: null,
      endedBecause: worthTelling ? reason : state.endedBecause,
      reconnecting: false,
      sessionExpiresAt: null,
    })
    if (!wasSignedIn) return
    events.emit({ type: 'signed-out', reason })
    if (tellOtherTabs) {
      channel?.postMessage({ type: 'signed-out', from: tabId, reason } satisfies ChannelMessage)
    }
  }

  async function refreshUnderLock(epochAtStart: number): Promise<AccessToken> {
    return withCrossTabLock(locks, async () => {
      // Another tab may have refreshed while this one waited for the lock; its token came over
      // the channel, and presenting the cookie again would only rotate it for nothing.
      const tokenFromOtherTab = () => {
        const current = store.get()
        const fresh = current && store.msLeft() > refreshLeadMs(current.lifetimeMs)
        return fresh && current.epoch > epochAtStart ? current : null
      }
      // Browsers may hand over the lock before dispatching the leader's message, which is then
      // already queued here: one turn of the event loop lets it land first.
      if (channel && !tokenFromOtherTab()) await nextTask()
      const fromOtherTab = tokenFromOtherTab()
      if (fromOtherTab) {
        events.emit({ type: 'refresh-succeeded', durationMs: 0, source: 'other-tab' })
        return fromOtherTab
      }
      const started = clock()
      const response = await postRefresh(http)
      const token = acceptTokens(response, 'network')
      shareTokens(response)
      events.emit({ type: 'refresh-succeeded', durationMs: clock() - started, source: 'network' })
      return token
    })
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one call. */
  function refresh(): Promise<AccessToken> {
    return flight.run(
      async () => {
        events.emit({ type: 'refresh-started' })
        try {
          return await refreshUnderLock(store.get()?.epoch ?? 0)
        } catch (cause) {
          const error = toAuthError(cause)
          events.emit({ type: 'refresh-failed', kind: error.kind, code: error.code })
          // A restore refused for any reason has nothing to keep; a live session is ended only
          // by a definite refusal and otherwise retried.
          const restoreRefused = state.status === 'restoring' && error.kind === 'rejected'
          if (error.kind === 'session_ended' || restoreRefused) {
            endSession(signOutReasonFor(error.code, state.sessionExpiresAt, Date.now()), true)
          } else if (state.status !== 'signed-out') {
            // Anything short of a definite refusal keeps the session and tries again later.
            transientFailures++
            setState({ reconnecting: true })
            scheduler.planIn(backoffMs(transientFailures, random))
          }
          throw error
        }
      },
      () => events.emit({ type: 'refresh-joined' }),
    )
  }

  const refreshQuietly = () => void refresh().catch(() => undefined)

  const scheduler = createScheduler(
    () => {
      if (state.status !== 'signed-out') refreshQuietly()
    },
    () => {
      const token = store.get()
      const due = token === null || store.msLeft() < refreshLeadMs(token.lifetimeMs)
      if (state.status !== 'signed-out' && (due || state.reconnecting)) refreshQuietly()
    },
  )

  function onChannelMessage(event: MessageEvent): void {
    const parsed = channelMessageSchema.safeParse(event.data)
    if (!parsed.success || parsed.data.from === tabId) return
    const message = parsed.data
    if (message.type === 'token') acceptTokens(message, 'other-tab')
    else endSession(message.reason === 'user' ? 'other-tab' : message.reason, false)
  }
  channel?.addEventListener('message', onChannelMessage)

  /** Takes the token response of a sign-in, of whatever kind, and shares it with other tabs. */
  async function startSession(request: () => Promise<SessionTokens>): Promise<User> {
    try {
      const response = await request()
      acceptTokens(response, 'network')
      shareTokens(response)
      return response.user
    } catch (cause) {
      throw toAuthError(cause)
    }
  }

  /** A token good for at least another second, refreshing first when needed. */
  async function validToken(): Promise<AccessToken> {
    const token = store.get()
    return token && store.msLeft() > 1000 ? token : refresh()
  }

  return {
    tabId,

    getState: (): AuthState => state,

    /** Subscribe to state changes (the shape `useSyncExternalStore` expects). */
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    /** Subscribe to the event stream: refreshes, queued and replayed requests, sign-outs. */
    onEvent: (listener: AuthEventListener): (() => void) => events.subscribe(listener),

    /** For the interceptor: report what happened to a request. */
    emit: events.emit,

    /** The current access token, or null; never written anywhere else. */
    accessToken: (): AccessToken | null => store.get(),

    /** True when the token held is past its expiry on this tab's monotonic clock. */
    isExpired: (): boolean => store.msLeft() <= 0,

    /** True while a refresh runs in this tab: the token held is about to be replaced. */
    isRefreshing: (): boolean => flight.isRunning(),

    refresh,

    /**
     * Restores the session from the refresh cookie with one refresh call. Idempotent: a second
     * call (StrictMode, HMR) returns the first one's promise. Never rejects.
     */
    restore(): Promise<void> {
      restoring ??= refresh().then(
        () => undefined,
        () => undefined,
      )
      return restoring
    },

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
    signInWithProvider: (provider: string, grant: AuthorizationCodeGrant): Promise<User> =>
      startSession(() => postOAuthCode(http, provider, grant)),

    /** Revokes this session on the server, then forgets it here and in every other tab. */
    async signOut(): Promise<void> {
      try {
        await postLogout(http)
      } finally {
        endSession('user', true)
      }
    },

    /** Revokes every session of the user, on every device. */
    async signOutEverywhere(): Promise<void> {
      try {
        await postLogoutAll(http, (await validToken()).value)
      } catch (cause) {
        throw toAuthError(cause)
      }
      endSession('user', true)
    },

    /** Revokes every other session of the user and keeps this one. */
    async signOutOthers(): Promise<void> {
      try {
        await postLogoutOthers(http, (await validToken()).value)
      } catch (cause) {
        throw toAuthError(cause)
      }
    },

    /** Stops timers and listeners (tests, HMR). */
    dispose(): void {
      scheduler.dispose()
      channel?.removeEventListener('message', onChannelMessage)
      channel?.close()
      listeners.clear()
    },
  }
}

export type AuthSession = ReturnType<typeof createAuthSession>
