import type { AxiosInstance } from 'axios'
import type { PasskeyLogin } from '../../contract/account'
import type { CodeExchange } from '../../contract/auth'
import {
  postLogin,
  postLogout,
  postLogoutAll,
  postLogoutOthers,
  postOAuthCode,
  postPasskeyLogin,
  postReauthenticate,
  type Credentials,
  type SessionTokens,
  type TokenResponse,
  type User,
} from './auth-api'
import { isSignedIn, type AuthAction, type AuthState } from './auth-state'
import type { CrossTab } from './cross-tab'
import { toAuthError, type AuthError } from './errors'
import type { EventStream } from './events'
import type { LogoutMarker } from './logout-marker'
import type { Retry } from './retry'
import type { Scheduler } from './scheduler'
import { callWithStepUp, type StepUpProof } from './step-up'
import type { AccessToken } from './token-store'

/** What the user's actions need of the session they act on. */
interface SessionCore {
  http: AxiosInstance
  crossTab: CrossTab
  marker: LogoutMarker
  scheduler: Scheduler
  retry: Retry
  events: EventStream
  state(): AuthState
  dispatch(action: AuthAction): void
  /** The session's era now: a token answer of an earlier era is dropped. */
  era(): number
  /** A sign-out begins: from now on no token answer is taken, in this tab or from another. */
  beginSignOut(): void
  forgetHere(): void
  acceptAndShare(response: SessionTokens, steppedUp?: boolean): AccessToken
  validToken(): Promise<AccessToken>
  afterRejection(epoch: number): 'newer-token' | Promise<AccessToken>
  afterStepUpRequired(epoch: number): 'newer-token' | Promise<AccessToken>
  sessionEnded(): AuthError
}

/** Signing in and out, the logout owed to the server, and proving the user is still there. */
export function createSessionActions(core: SessionCore) {
  const { http, crossTab, marker, scheduler, retry, events } = core

  /** Tells the server of a logout that could not reach it: true once it heard (or had nothing). */
  function deliverPendingLogout(): Promise<boolean> {
    return crossTab.withLock(async () => {
      if (marker.isSet()) {
        try {
          await postLogout(http)
        } catch (cause) {
          if (toAuthError(cause).kind === 'transient') {
            scheduler.planIn(retry.failedTransiently(null))
            return false
          }
        }
        retry.reset()
        marker.clear()
      }
      core.dispatch({ type: 'logout-delivered' })
      return true
    })
  }

  /**
   * Takes the token response of a sign-in, of whatever kind, and shares it with other tabs,
   * unless a sign-out was begun here meanwhile (one begun before ran under the lock first): that
   * sign-out waits for this lock and then revokes the session the answer made.
   */
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
      if (core.state().phase === 'signing-out') throw core.sessionEnded()
      core.acceptAndShare(response)
      return response.user
    })
  }

  /** Ends the session here and in every tab once the server has been told, or will be. */
  async function endByUser(tellServer: () => Promise<void>): Promise<void> {
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
    const wasSignedIn = isSignedIn(core.state())
    if (!pending) marker.clear()
    core.forgetHere()
    core.dispatch({ type: 'signed-out', logoutPending: pending })
    if (wasSignedIn) {
      events.emit({ type: 'signed-out', reason: 'user' })
      crossTab.publish({ type: 'signed-out', reason: 'user', logoutPending: pending })
    }
    if (pending) scheduler.planIn(retry.failedTransiently(null))
  }

  const withStepUp = (call: (accessToken: string) => Promise<void>) => callWithStepUp(core, call)

  return {
    deliverPendingLogout,

    /** Proves the user is still there; the token it earns is installed and shared as stepped up. */
    async reauthenticate(proof: StepUpProof): Promise<AccessToken> {
      const eraAtStart = core.era()
      const stale = () => core.era() !== eraAtStart || core.state().phase === 'signing-out'
      const token = await core.validToken()
      return crossTab.withLock(async () => {
        if (stale()) throw core.sessionEnded()
        let response: TokenResponse
        try {
          response = await postReauthenticate(http, token.value, proof)
        } catch (cause) {
          throw toAuthError(cause)
        }
        if (stale()) throw core.sessionEnded()
        return core.acceptAndShare(response, true)
      })
    },

    /** What the user does: the session's public actions. */
    forUser: {
      /** Signs in with a password. Rejects with an `AuthError` the UI can show. */
      signIn: (credentials: Credentials): Promise<User> =>
        startSession(() => postLogin(http, credentials)),

      /**
       * Signs in with the code a provider redirected back with and the PKCE verifier kept since
       * (none without PKCE). Rejects with an `AuthError` (`invalid_grant` for any bad code).
       *
       * @example
       * const redirectUri = `${origin}/auth/callback/kakao`
       * await session.signInWithProvider('kakao', { code, codeVerifier, redirectUri, remember: true })
       */
      signInWithProvider: (provider: string, grant: CodeExchange): Promise<User> =>
        startSession(() => postOAuthCode(http, provider, grant)),

      /**
       * Signs in with a passkey assertion (`startAuthentication`'s answer to the options of
       * `POST /api/auth/passkey/options`). Rejects with an `AuthError` (`passkey_invalid`).
       */
      signInWithPasskey: (login: PasskeyLogin): Promise<User> =>
        startSession(() => postPasskeyLogin(http, login)),

      /**
       * Revokes this session on the server, then forgets it here and in every other tab. Holds the
       * refresh lock throughout, so no refresh in any tab crosses it. When the server cannot be
       * reached the session still ends here, with `logoutPending` set until the server is told.
       */
      signOut(): Promise<void> {
        core.beginSignOut()
        return crossTab.withLock(() => endByUser(() => postLogout(http)))
      },

      /** Revokes every session of the user, on every device. A step-up endpoint. */
      signOutEverywhere: (): Promise<void> =>
        // The step-up prompt waits outside the lock: re-authenticating takes it too.
        withStepUp((accessToken) =>
          crossTab.withLock(async () => {
            await postLogoutAll(http, accessToken)
            await endByUser(async () => undefined)
          }),
        ),

      /** Revokes every other session of the user and keeps this one. A step-up endpoint. */
      signOutOthers: (): Promise<void> =>
        withStepUp((accessToken) => postLogoutOthers(http, accessToken)),
    },
  }
}
