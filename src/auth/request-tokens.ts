import { hasLiveSession, isOver, type AuthState } from './auth-state'
import type { AuthError } from './errors'
import type { Retry } from './retry'
import type { SingleFlight } from './single-flight'
import type { StepUp } from './step-up'
import type { AccessToken, TokenStore } from './token-store'

/** A token with less left than this is refreshed before it is handed out. */
const HAND_OUT_MARGIN_MS = 1000

interface RequestTokensOptions {
  state(): AuthState
  restore(): Promise<void>
  refresh(): Promise<AccessToken>
  flight: SingleFlight<AccessToken>
  store: TokenStore
  retry: Retry
  stepUp: StepUp
  sessionEnded(): AuthError
}

/**
 * What a request asks of the session: a token to send now or after a wait, and what to do after
 * a 401. Only reads the state; every change goes through the session's refresh and step-up.
 */
export function createRequestTokens(options: RequestTokensOptions) {
  const { state, restore, refresh, flight, store, retry, stepUp, sessionEnded } = options

  /**
   * A token a request may carry, waiting as needed: for the restore, for the refresh in flight,
   * or, while reconnecting, for the next scheduled attempt (never an attempt of its own).
   * Null when there is no session.
   */
  async function tokenForRequest(): Promise<AccessToken | null> {
    if (state().phase === 'restoring') await restore()
    if (!hasLiveSession(state())) return null
    const running = flight.current()
    if (running) return running
    const token = store.get()
    if (token && store.msLeft() > 0) return token
    return nextToken()
  }

  /** A new token: while reconnecting, the next scheduled attempt's, never one of its own. */
  const nextToken = (): Promise<AccessToken> =>
    state().phase === 'reconnecting' ? retry.nextAttempt() : refresh()

  /** After a 401 for a request's token: `newer-token` when one already replaced it. */
  function afterRejection(epoch: number): 'newer-token' | Promise<AccessToken> {
    if (isOver(state())) throw sessionEnded()
    const current = store.get()
    if (current && current.epoch > epoch) return 'newer-token'
    if (state().phase === 'reconnecting' && !flight.isRunning()) {
      return tokenForRequest().then((token) => token ?? Promise.reject(sessionEnded()))
    }
    return refresh()
  }

  /** After a 401 asking for a fresh sign-in, for a token of `epoch`: never a refresh. */
  function afterStepUpRequired(epoch: number): 'newer-token' | Promise<AccessToken> {
    if (isOver(state())) throw sessionEnded()
    return stepUp.required(epoch)
  }

  /** A token good for at least another second, replaced first when needed. */
  async function validToken(): Promise<AccessToken> {
    const fresh = await tokenForRequest()
    if (!fresh) throw sessionEnded()
    return store.msLeftOf(fresh) > HAND_OUT_MARGIN_MS ? fresh : nextToken()
  }

  /** The token to send right now; null with no session; undefined when the request must wait. */
  function ready(): AccessToken | null | undefined {
    if (state().phase === 'signed-out') return null
    if (!hasLiveSession(state()) || flight.isRunning()) return undefined
    return store.msLeft() > 0 ? store.get() : undefined
  }

  return { ready, tokenForRequest, afterRejection, afterStepUpRequired, validToken }
}
