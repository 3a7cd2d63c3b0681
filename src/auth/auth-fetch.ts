import { parseProblem } from '../lib/problem'
import { refusalOf, type Refusal } from './refusal'
import { createReplayPath } from './replay'
import { requestAuthOf } from './request-auth'
import type { AuthSession } from './session'
import type { AccessToken } from './token-store'
import { waitAsRequest } from './wait-as-request'

interface AuthFetchInit extends RequestInit {
  /** Gives up waiting for a refresh after this long, as axios's `timeout` does. */
  timeoutMs?: number
}

const abortError = () => new DOMException('The request was aborted.', 'AbortError')
const timeoutError = () => new DOMException('The request timed out.', 'TimeoutError')

/** Where a request would go, resolved as `fetch` resolves it: against the page's address. */
function urlOf(input: RequestInfo | URL): URL {
  const href = input instanceof Request ? input.url : input instanceof URL ? input.href : input
  return new URL(href, globalThis.location.href)
}

/**
 * The access token is for this site's API only: a URL of another origin (an absolute one, or a
 * scheme-relative `//other.example/…`) is refused before anything is sent, rather than sent
 * without the token, so a mistake shows at once instead of as a puzzling 401 elsewhere.
 */
function assertSameOrigin(input: RequestInfo | URL): void {
  if (urlOf(input).origin === globalThis.location.origin) return
  throw new TypeError(
    'authFetch sends requests to this site only: use fetch for another origin, without the token.',
  )
}

/**
 * What a 401 asks for (a fresh token, a fresh sign-in, or nothing the session can give), and the
 * problem's code, which an error about that request carries as the interceptor's do.
 */
async function refusalOfResponse(
  response: Response,
): Promise<{ refusal: Refusal; code: string | null }> {
  if (response.status !== 401) return { refusal: null, code: null }
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null)
  const code = parseProblem(body)?.code ?? null
  return { refusal: refusalOf(401, code, response.headers.get('WWW-Authenticate')), code }
}

/**
 * `fetch` with the session's token, for code that does not use axios: the same rules as the
 * interceptor — it waits for a restore or a refresh already under way, turns a 401 for the
 * access token into at most one refresh (shared with every other request), and a 401 asking for
 * a fresh sign-in into the tab's one step-up; it replays once after each, and honours its signal
 * (and, except while a person is asked to confirm, `timeoutMs`) while it waits. A refusal after
 * the replay is returned as it is. It rejects a URL of another origin and sends nothing then.
 *
 * @example
 * const authFetch = createAuthFetch(session)
 * const response = await authFetch('/api/me', { signal, timeoutMs: 10_000 })
 */
export function createAuthFetch(session: AuthSession, send: typeof fetch = fetch) {
  const auth = requestAuthOf(session)
  const path = createReplayPath(auth)

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
    assertSameOrigin(input)
    const request = { method: (init.method ?? 'GET').toLowerCase(), url: urlOf(input).pathname }
    const replayed = new Set<Refusal>()
    try {
      const ready = auth.ready()
      if (ready === undefined) path.queued(request)
      let token = ready === undefined ? await wait(auth.tokenForRequest(), init) : ready
      let response = await sendWith(input, init, token)
      for (;;) {
        const { refusal, code } = await refusalOfResponse(response)
        if (refusal === null || replayed.has(refusal)) {
          path.completed(request, response.status, replayed.size > 0)
          return response
        }
        replayed.add(refusal)
        const fresh = await path.tokenForReplay(
          refusal,
          token?.epoch ?? 0,
          request,
          code,
          (next, forPerson) => wait(next, forPerson ? { ...init, timeoutMs: 0 } : init),
        )
        token = fresh ?? session.accessToken()
        response = await sendWith(input, init, token)
      }
    } catch (error) {
      // A request its caller abandoned did not fail.
      if (!(error instanceof DOMException && error.name === 'AbortError')) {
        path.completed(request, null, replayed.size > 0)
      }
      throw error
    }
  }
}
