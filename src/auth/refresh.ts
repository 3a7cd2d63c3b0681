import type { AxiosInstance } from 'axios'
import { postRefresh, type TokenResponse } from './auth-api'
import type { CrossTab, Lease } from './cross-tab'
import { AuthError, toAuthError } from './errors'
import type { EventStream } from './events'
import { refreshLeadMs } from './scheduler'
import type { Clock } from './time'
import type { AccessToken, TokenStore } from './token-store'

/** How long the next lock holder waits for the token the last one is known to have posted. */
const CATCH_UP_MS = 1000

interface RefreshOptions {
  http: AxiosInstance
  clock: Clock
  store: TokenStore
  crossTab: CrossTab
  events: EventStream
  /** The session's era now: it grows whenever a session ends or a sign-out begins. */
  era(): number
  /** True while a sign-out is under way: no token answer is taken then. */
  signingOut(): boolean
  /** Installs a token response from the network and shares it with the other tabs. */
  accept(response: TokenResponse): AccessToken
  /** What a failed refresh means for the session (under the lock). */
  failed(error: AuthError): void
  /** The error for a session that ended while the refresh was out. */
  ended(): AuthError
}

/**
 * One turn of the refresh lock: it takes the token another tab has just shared when there is
 * one, and presents the refresh cookie only when there is none. Runs under the lock.
 */
export function createRefresh(options: RefreshOptions) {
  const { http, clock, store, crossTab, events } = options

  /**
   * Another tab took the lock over while this one's refresh was out (this page was frozen): its
   * answer is older than the token that tab shared, which is the one to use.
   */
  async function tokenAfterPassedBy(epochAtStart: number): Promise<AccessToken> {
    await crossTab.catchUp(CATCH_UP_MS)
    const current = store.get()
    if (current && current.epoch > epochAtStart) return current
    const error = new AuthError('transient', 'We could not reach the server.')
    options.failed(error)
    throw error
  }

  return async function refreshHoldingLock(
    eraAtStart: number,
    heardAtStart: number,
    epochAtStart: number,
    lease: Lease,
  ): Promise<AccessToken> {
    const stale = () => options.era() !== eraAtStart || options.signingOut()
    if (stale()) throw options.ended()
    // Another tab may have refreshed while this one waited for the lock. It wrote the new
    // generation before releasing the lock, so its token is known to be on its way: wait for it
    // rather than present the cookie again.
    if (crossTab.heard() === heardAtStart) await crossTab.catchUp(CATCH_UP_MS)
    if (stale()) throw options.ended()
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
      if (options.era() === eraAtStart) options.failed(error)
      throw error
    }
    // A sign-out began while the answer was on its way: this token belongs to the ended session.
    if (stale()) throw options.ended()
    if (await crossTab.passedBy(lease)) return tokenAfterPassedBy(epochAtStart)
    const token = options.accept(response)
    if (events.wanted()) {
      events.emit({ type: 'refresh-succeeded', durationMs: clock() - started, source: 'network' })
    }
    return token
  }
}
