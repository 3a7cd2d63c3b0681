import {
  isAxiosError,
  type AxiosError,
  type AxiosInstance,
  type InternalAxiosRequestConfig,
} from 'axios'

/** Request headers that are credentials. */
const SECRET_HEADERS = ['Authorization', 'Proxy-Authorization', 'Cookie']

/** Body fields that are credentials, or trade for one (an authorization code and its verifier). */
const SECRET_FIELD = /password|secret|token|^code$|code_?verifier/i

function namesASecret(data: unknown): boolean {
  let value = data
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data)
    } catch {
      return SECRET_FIELD.test(data)
    }
  }
  if (value instanceof URLSearchParams) value = Object.fromEntries(value)
  if (typeof value !== 'object' || value === null) return false
  return Object.entries(value).some(
    ([name, field]) => SECRET_FIELD.test(name) || namesASecret(field),
  )
}

/**
 * The bodies taken out of errors, by the request config they were taken from: a request refused
 * for a stale sign-in (a password change, say) is replayed with its own body once the user has
 * confirmed it is them. Weak, so a body lives no longer than its request's config.
 */
const redactedBodies = new WeakMap<InternalAxiosRequestConfig, unknown>()

/** The body a request was sent with, even when its error's copy was redacted. */
export const bodySentWith = (config: InternalAxiosRequestConfig): unknown =>
  redactedBodies.has(config) ? redactedBodies.get(config) : config.data

/**
 * Takes the credentials out of a failed request's error, in place, before anyone can log, show
 * or cache it: axios keeps the whole request config (headers, body) on the error and on its
 * response, and the transport's request object besides. A replay is unaffected: the auth
 * interceptor attaches a fresh token to it and sends the body `bodySentWith` keeps.
 */
export function redactError(error: unknown): unknown {
  if (!isAxiosError(error)) return error
  const axiosError: AxiosError = error
  const { config } = axiosError
  if (config) {
    for (const name of SECRET_HEADERS) config.headers.delete(name)
    delete config.auth
    if (namesASecret(config.data)) {
      redactedBodies.set(config, config.data)
      config.data = '[redacted]'
    }
  }
  delete axiosError.request
  if (axiosError.response) delete axiosError.response.request
  return axiosError
}

/** Makes every error `client` rejects with go through `redactError` first; returns `client`. */
export function redactErrorsOf<Client extends AxiosInstance>(client: Client): Client {
  client.interceptors.response.use(undefined, (error: unknown) =>
    Promise.reject(redactError(error)),
  )
  return client
}
