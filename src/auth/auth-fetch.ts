import { parseProblem } from '../lib/problem'
import { AuthError } from './errors'
import { requestAuthOf } from './request-auth'
import type { AuthSession } from './session'
import type { AccessToken } from './token-store'
import { waitAsRequest } from './wait-as-request'

const ACCESS_TOKEN_CODES: ReadonlySet<string> = new Set([
  'token_missing',
  'token_invalid',
  'token_expired',
])

export interface AuthFetchInit extends RequestInit {
  /** Gives up waiting for a refresh after this long, as axios's `timeout` does. */
  timeoutMs?: number
}

const abortError = () => new DOMException('The request was aborted.', 'AbortError')
const timeoutError = () => new DOMException('The request timed out.', 'TimeoutError')

/** True for a 401 about the access token (not the refresh cookie, not a wrong password). */
async function refusedToken(response: Response): Promise<boolean> {
  if (response.status !== 401) return false
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null)
  const code = parseProblem(body)?.code
  return code !== undefined && ACCESS_TOKEN_CODES.has(code)
}

/**
 * `fetch` with the session's token, for code that does not use axios: the same rules as the
 * interceptor — it waits for a restore or a refresh already under way, turns a 401 for the
 * access token into at most one refresh (shared with every other request), replays once, and
 * honours its signal and `timeoutMs` while it waits.
 *
 * @example
 * const authFetch = createAuthFetch(session)
 * const response = await authFetch('/api/me', { signal, timeoutMs: 10_000 })
 */
export function createAuthFetch(session: AuthSession, send: typeof fetch = fetch) {
  const auth = requestAuthOf(session)

  function wait<T>(promise: Promise<T>, init: AuthFetchInit): Promise<T> {
    return waitAsRequest(promise, auth.deadlines, init.signal ?? undefined, init.timeoutMs, {
      aborted: abortError,
      timedOut: timeoutError,
    })
  }

  function sendWith(input: RequestInfo | URL, init: AuthFetchInit, token: AccessToken | null) {
    const headers = new Headers(init.headers)
    if (token) headers.set('Authorization', `Bearer ${token.value}`)
    else headers.delete('Authorization')
    const request: RequestInit = { ...init, headers }
    delete (request as AuthFetchInit).timeoutMs
    return send(input, request)
  }

  return async function authFetch(
    input: RequestInfo | URL,
    init: AuthFetchInit = {},
  ): Promise<Response> {
    const ready = auth.ready()
    const token = ready === undefined ? await wait(auth.tokenForRequest(), init) : ready
    const response = await sendWith(input, init, token)
    if (!(await refusedToken(response))) return response
    let next: 'newer-token' | Promise<AccessToken>
    try {
      next = auth.afterRejection(token?.epoch ?? 0)
    } catch (cause) {
      throw new AuthError('session_ended', 'You need to sign in again.', null, 401, null, {
        cause,
      })
    }
    const fresh = next === 'newer-token' ? session.accessToken() : await wait(next, init)
    return sendWith(input, init, fresh)
  }
}
