import type { Deadlines } from './deadlines'
import type { EventStream } from './events'
import type { AccessToken } from './token-store'

/**
 * What a request wrapper (the axios interceptor, `authFetch`) may ask of a session, and nothing
 * more: it cannot change the state, and its events go to this tab's listeners only.
 */
export interface RequestAuth {
  readonly events: EventStream
  readonly deadlines: Deadlines
  /** The token to send right now; null with no session; undefined when the request must wait. */
  ready(): AccessToken | null | undefined
  /** Waits as needed (restore, refresh, backoff) for the token to send; null with no session. */
  tokenForRequest(): Promise<AccessToken | null>
  /** After a 401 for a token of `epoch`; throws a `session_ended` error with no session. */
  afterRejection(epoch: number): 'newer-token' | Promise<AccessToken>
  /**
   * After a 401 asking for a fresh sign-in (RFC 9470) for a token of `epoch`: waits for the one
   * step-up of the tab; throws a `session_ended` error with no session. Never a refresh.
   */
  afterStepUpRequired(epoch: number): 'newer-token' | Promise<AccessToken>
}

const ports = new WeakMap<object, RequestAuth>()

export function bindRequestAuth(session: object, port: RequestAuth): void {
  ports.set(session, port)
}

export function requestAuthOf(session: object): RequestAuth {
  const port = ports.get(session)
  if (!port) throw new Error('Not a session made by createAuthSession.')
  return port
}
