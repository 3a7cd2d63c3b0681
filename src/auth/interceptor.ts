import {
  AxiosError,
  CanceledError,
  isAxiosError,
  isCancel,
  type AxiosInstance,
  type AxiosResponse,
  type GenericAbortSignal,
  type InternalAxiosRequestConfig,
} from 'axios'
import { AuthError, problemCode } from './errors'
import type { AuthSession } from './session'
import type { AccessToken } from './token-store'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Send without a token and never refresh for this request (public endpoints). */
    skipAuth?: boolean
    /** Set on the one replay a request may get; a second 401 is returned as it is. */
    authReplayed?: boolean
    /** The epoch of the token this request carried. */
    authEpoch?: number
  }
}

const ACCESS_TOKEN_CODES = new Set(['token_missing', 'token_invalid', 'token_expired'])

/** Waits for `promise`, but gives up as the request would: on its abort signal or timeout. */
function waitAsRequest<T>(promise: Promise<T>, config: InternalAxiosRequestConfig): Promise<T> {
  const signal: GenericAbortSignal | undefined = config.signal
  if (signal?.aborted) return Promise.reject(new CanceledError(undefined, undefined, config))
  return new Promise<T>((resolve, reject) => {
    const timer =
      config.timeout && config.timeout > 0
        ? setTimeout(
            () =>
              reject(
                new AxiosError(
                  `timeout of ${config.timeout}ms exceeded`,
                  AxiosError.ECONNABORTED,
                  config,
                ),
              ),
            config.timeout,
          )
        : null
    const onAbort = () => reject(new CanceledError(undefined, undefined, config))
    signal?.addEventListener?.('abort', onAbort)
    promise.then(resolve, reject).finally(() => {
      if (timer !== null) clearTimeout(timer)
      signal?.removeEventListener?.('abort', onAbort)
    })
  })
}

function attach(config: InternalAxiosRequestConfig, token: AccessToken | null) {
  config.authEpoch = token?.epoch ?? 0
  if (token) config.headers.set('Authorization', `Bearer ${token.value}`)
  else config.headers.delete('Authorization')
  return config
}

/**
 * Wires a session into an axios instance: every request carries the current access token, and
 * every 401 for an access token turns into at most one refresh, however many requests wait,
 * followed by exactly one replay each. Returns a function that removes the interceptors.
 *
 * @example
 * const api = axios.create({ baseURL: '/api' })
 * const session = createAuthSession()
 * installAuthInterceptor(api, session)
 * await api.get('/me') // Authorization: Bearer … and refreshed as needed
 */
export function installAuthInterceptor(client: AxiosInstance, session: AuthSession): () => void {
  /** Each request's final outcome, for whoever watches the session (the lab draws these). */
  function report(
    config: InternalAxiosRequestConfig,
    status: number | null,
    error: unknown = null,
  ): void {
    // Public calls never touch the session, so they are not part of its story; a request its
    // caller abandoned (an unmounted query, say) did not fail.
    if (config.skipAuth || isCancel(error)) return
    session.emit({
      type: 'request-completed',
      method: config.method ?? 'get',
      url: config.url ?? '',
      status,
      replayed: config.authReplayed === true,
    })
  }

  /**
   * Whether a request must wait before it can carry a good token: the session is still being
   * restored, or the token is known to be expired, or a refresh is already replacing it (a
   * request sent now would only earn a 401 and a second trip).
   */
  function mustWait(config: InternalAxiosRequestConfig): boolean {
    if (config.skipAuth) return false
    const { status } = session.getState()
    return (
      status === 'restoring' ||
      (status === 'signed-in' && (session.isExpired() || session.isRefreshing()))
    )
  }

  async function waitThenAttach(config: InternalAxiosRequestConfig) {
    if (session.getState().status === 'restoring') await waitAsRequest(session.restore(), config)
    if (session.getState().status !== 'signed-in') return attach(config, null)
    if (!session.isExpired() && !session.isRefreshing())
      return attach(config, session.accessToken())
    session.emit({ type: 'request-queued', method: config.method ?? 'get', url: config.url ?? '' })
    try {
      return attach(config, await waitAsRequest(session.refresh(), config))
    } catch (error) {
      report(config, null, error)
      throw error
    }
  }

  // Two interceptors so the common case stays synchronous: axios then skips the promise chain
  // it otherwise builds for every request.
  const waitingId = client.interceptors.request.use(waitThenAttach, undefined, {
    runWhen: mustWait,
  })
  const attachingId = client.interceptors.request.use(
    (config) => (config.skipAuth ? config : attach(config, session.accessToken())),
    undefined,
    { synchronous: true, runWhen: (config) => !mustWait(config) },
  )

  /** Why a failed request may be replayed; throws what its caller should get when it may not. */
  async function replayReason(
    error: AxiosError,
    config: InternalAxiosRequestConfig,
  ): Promise<'newer-token' | 'after-refresh'> {
    const code = problemCode(error)
    if (
      error.response?.status !== 401 ||
      config.skipAuth ||
      config.authReplayed ||
      code === null ||
      !ACCESS_TOKEN_CODES.has(code)
    ) {
      throw error
    }
    // Nothing left to refresh with: whoever asked must sign in again.
    if (session.getState().status === 'signed-out') {
      throw new AuthError('session_ended', 'You need to sign in again.', code, 401, null, {
        cause: error,
      })
    }
    const current = session.accessToken()
    // A newer token than the one this request carried means someone already refreshed.
    if (current && current.epoch > (config.authEpoch ?? 0)) return 'newer-token'
    session.emit({ type: 'request-queued', method: config.method ?? 'get', url: config.url ?? '' })
    await waitAsRequest(session.refresh(), config)
    return 'after-refresh'
  }

  const responseId = client.interceptors.response.use(
    (response) => {
      report(response.config, response.status)
      return response
    },
    async (error: unknown) => {
      if (!isAxiosError(error) || !error.config) throw error
      const config = error.config
      let why: 'newer-token' | 'after-refresh'
      try {
        why = await replayReason(error, config)
      } catch (final) {
        report(config, error.response?.status ?? null, final)
        throw final
      }
      session.emit({
        type: 'request-replayed',
        method: config.method ?? 'get',
        url: config.url ?? '',
        why,
      })
      // Outside the try: the replay reports its own outcome.
      const replay: Promise<AxiosResponse> = client.request({ ...config, authReplayed: true })
      return replay
    },
  )

  return () => {
    client.interceptors.request.eject(waitingId)
    client.interceptors.request.eject(attachingId)
    client.interceptors.response.eject(responseId)
  }
}
