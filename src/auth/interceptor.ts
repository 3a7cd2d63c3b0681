import axios, {
  AxiosError,
  CanceledError,
  getAdapter,
  isAxiosError,
  isCancel,
  type AxiosAdapter,
  type AxiosInstance,
  type AxiosRequestConfig,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios'
import { bodySentWith } from '../lib/redact-error'
import { problemCode } from './errors'
import { refusalOf } from './refusal'
import { createReplayPath, type RequestLabel } from './replay'
import { requestAuthOf } from './request-auth'
import type { AuthSession } from './session'
import type { AccessToken } from './token-store'
import { waitAsRequest as waitAs } from './wait-as-request'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Send without a token and never refresh for this request (public endpoints). */
    skipAuth?: boolean
    /** Set on the one replay a request may get; a second 401 is returned as it is. */
    authReplayed?: boolean
    /** Set on the one replay after a re-authentication; a second refusal is returned as it is. */
    stepUpReplayed?: boolean
    /** The epoch of the token this request carried. */
    authEpoch?: number
  }
}

const LEAVES_SITE =
  'The auth interceptor sends its token to the API it was installed on only: send a request for another origin with skipAuth.'

/** axios's own test (`isAbsoluteURL`): only a URL with a scheme or `//` is not appended to the base. */
const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i

/**
 * True for an absolute URL that would take the request (and its token) away from the client's
 * own origin: the base URL's, resolved against the page. Nothing to compare without either.
 */
function leavesSite(config: InternalAxiosRequestConfig): boolean {
  if (!config.url) return false
  // axios appends any other URL to the base URL, so it cannot leave it; answered first because
  // every request asks, and parsing two URLs cost as much as the rest of the interceptor.
  if (config.baseURL && !ABSOLUTE_URL.test(config.url)) return false
  const page = globalThis.location?.href
  if (!config.baseURL && !page) return false
  const base = new URL(config.baseURL ?? '/', page)
  return new URL(config.url, base).origin !== base.origin
}

type AdapterConfig = NonNullable<AxiosRequestConfig['adapter']>

/** Each waiting adapter with the adapter it sends with, which a replay goes back to. */
const waitingAdapters = new WeakMap<AxiosAdapter, AdapterConfig>()

const sendingAdapter = (adapter: AdapterConfig): AdapterConfig =>
  (typeof adapter === 'function' && waitingAdapters.get(adapter)) || adapter

const labelOf = (config: InternalAxiosRequestConfig): RequestLabel => ({
  method: config.method ?? 'get',
  url: config.url ?? '',
})

/**
 * Wires a session into an axios instance: every request carries the current access token, and
 * every 401 for an access token turns into at most one refresh, however many requests wait,
 * followed by exactly one replay each. A 401 asking for a fresh sign-in (RFC 9470) waits for the
 * tab's one step-up instead, never a refresh, and is replayed once after it. Returns a function
 * that removes the interceptors.
 *
 * @example
 * const api = axios.create({ baseURL: '/api' })
 * const session = createAuthSession()
 * installAuthInterceptor(api, session)
 * await api.get('/me') // Authorization: Bearer … and refreshed as needed
 */
export function installAuthInterceptor(client: AxiosInstance, session: AuthSession): () => void {
  const auth = requestAuthOf(session)
  const { events } = auth
  const path = createReplayPath(auth)

  /** The header value of the last token sent: one string per token, not one per request. */
  let lastToken: AccessToken | null = null
  let lastAuthorization = ''

  function attach(config: InternalAxiosRequestConfig, token: AccessToken | null) {
    config.authEpoch = token?.epoch ?? 0
    if (token) {
      if (token !== lastToken) {
        lastToken = token
        lastAuthorization = `Bearer ${token.value}`
      }
      // A plain property: AxiosHeaders normalises names once, when the adapter sends, so `set`'s
      // own normalising would only be paid twice on every request.
      config.headers.Authorization = lastAuthorization
    } else {
      // Signed out: nothing of the ended session is kept.
      lastToken = null
      lastAuthorization = ''
      config.headers.delete('Authorization')
    }
    return config
  }
  /** Requests already reported: a timeout while queued reaches the response handler too. */
  const reported = new WeakSet<InternalAxiosRequestConfig>()

  /** Each request's final outcome, for whoever watches the session (the lab draws these). */
  function report(
    config: InternalAxiosRequestConfig,
    status: number | null,
    error: unknown = null,
  ): void {
    // Public calls never touch the session, so they are not part of its story; a request its
    // caller abandoned (an unmounted query, say) did not fail.
    if (!events.wanted() || config.skipAuth || isCancel(error) || reported.has(config)) return
    reported.add(config)
    path.completed(labelOf(config), status, config.authReplayed === true)
  }

  /**
   * Waits for `promise`, but gives up as the request would: on its abort signal or timeout. A
   * person typing a password is not a slow server: waiting for a step-up heeds the signal only.
   */
  function waitAsRequest<T>(
    promise: Promise<T>,
    config: InternalAxiosRequestConfig,
    timeout = config.timeout,
  ): Promise<T> {
    return waitAs(promise, auth.deadlines, config.signal, timeout, {
      aborted: () => new CanceledError(undefined, undefined, config),
      timedOut: () =>
        new AxiosError(`timeout of ${config.timeout}ms exceeded`, AxiosError.ECONNABORTED, config),
    })
  }

  /**
   * The adapter of a request that must wait for its token (a restore, a refresh, a backoff):
   * it waits as the request would, attaches the token, then sends with the request's own
   * adapter. Waiting in the adapter rather than in an asynchronous interceptor keeps the common
   * case, a token at hand, to one synchronous interceptor: axios then builds no promise chain,
   * and asks nothing else of the request.
   */
  function sendWhenReady(own: AdapterConfig | undefined): AxiosAdapter {
    const send = own ?? axios.defaults.adapter
    const adapter: AxiosAdapter = async (config) => {
      path.queued(labelOf(config))
      try {
        attach(config, await waitAsRequest(auth.tokenForRequest(), config))
      } catch (error) {
        report(config, null, error)
        throw error
      }
      return getAdapter(send, config)(config)
    }
    if (send) waitingAdapters.set(adapter, send)
    return adapter
  }

  const interceptorId = client.interceptors.request.use(
    (config) => {
      if (config.skipAuth) return config
      // axios 1.21 sends nothing when a synchronous interceptor throws.
      if (leavesSite(config)) throw new TypeError(LEAVES_SITE)
      const token = auth.ready()
      if (token !== undefined) return attach(config, token)
      config.adapter = sendWhenReady(config.adapter)
      return config
    },
    undefined,
    { synchronous: true },
  )

  /** The config of a failed request's one replay; throws what its caller should get instead. */
  async function replayOf(error: AxiosError, config: InternalAxiosRequestConfig) {
    const code = problemCode(error)
    const header: unknown = error.response?.headers['www-authenticate']
    const refusal = config.skipAuth
      ? null
      : refusalOf(error.response?.status, code, typeof header === 'string' ? header : null)
    const flag = refusal === 'step-up' ? 'stepUpReplayed' : 'authReplayed'
    if (refusal === null || config[flag]) throw error
    // A person typing a password is not a slow server: a step-up wait heeds the signal only.
    await path.tokenForReplay(
      refusal,
      config.authEpoch ?? 0,
      labelOf(config),
      code,
      (token, forPerson) => waitAsRequest(token, config, forPerson ? 0 : config.timeout),
    )
    // The failed request's own config, as axios-auth-refresh and the tutorials replay it: axios
    // merges it into a new one anyway, and copying its thirty-odd fields for each of a thousand
    // waiting requests was the costliest step of a burst's replay. The replay attaches the
    // session's token as any request does, and sends through the request's own adapter: a wait
    // its first send had in the adapter is over.
    config.data = bodySentWith(config)
    if (config.adapter) config.adapter = sendingAdapter(config.adapter)
    config[flag] = true
    return config
  }

  const responseId = client.interceptors.response.use(
    (response) => {
      report(response.config, response.status)
      return response
    },
    async (error: unknown) => {
      if (!isAxiosError(error) || !error.config) throw error
      const config = error.config
      let replay: InternalAxiosRequestConfig
      try {
        replay = await replayOf(error, config)
      } catch (final) {
        report(config, error.response?.status ?? null, final)
        throw final
      }
      // Outside the try: the replay reports its own outcome.
      const replayed: Promise<AxiosResponse> = client.request(replay)
      return replayed
    },
  )

  return () => {
    client.interceptors.request.eject(interceptorId)
    client.interceptors.response.eject(responseId)
  }
}
