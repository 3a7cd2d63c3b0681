import { isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios'

interface StoredCookie {
  value: string
  path: string
}

/**
 * The part of a browser's cookie store the refresh flow needs, for axios in Node, which keeps no
 * cookies: stores `Set-Cookie` (a `Max-Age=0` deletes) and sends `Cookie` where `Path` matches.
 * `Secure` is ignored because the benchmarks talk to loopback, which browsers treat as secure.
 */
export function createCookieJar() {
  const cookies = new Map<string, StoredCookie>()

  function store(headers: readonly string[] | undefined): void {
    for (const header of headers ?? []) {
      const [pair = '', ...attributes] = header.split(';')
      const separator = pair.indexOf('=')
      if (separator <= 0) continue
      const name = pair.slice(0, separator).trim()
      let path = '/'
      let expired = false
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=').map((part) => part.trim())
        if (key.toLowerCase() === 'path') path = value
        if (key.toLowerCase() === 'max-age' && Number(value) <= 0) expired = true
      }
      if (expired) cookies.delete(name)
      else cookies.set(name, { value: pair.slice(separator + 1).trim(), path })
    }
  }

  function header(pathname: string): string | null {
    const matching = [...cookies].filter(
      ([, cookie]) => pathname === cookie.path || pathname.startsWith(`${cookie.path}/`),
    )
    return matching.length === 0
      ? null
      : matching.map(([name, cookie]) => `${name}=${cookie.value}`).join('; ')
  }

  const remember = (response: AxiosResponse | undefined) => store(response?.headers['set-cookie'])

  return {
    header,
    /** Keeps a response's `Set-Cookie` headers, for clients that are not axios. */
    store,
    /** Makes `client` send and keep this jar's cookies; every instance of one "browser" shares it. */
    install(client: AxiosInstance): void {
      client.interceptors.request.use((config) => {
        const cookie = header(new URL(client.getUri(config)).pathname)
        if (cookie === null) config.headers.delete('Cookie')
        else config.headers.set('Cookie', cookie)
        return config
      })
      client.interceptors.response.use(
        (response) => {
          remember(response)
          return response
        },
        (error: unknown) => {
          // A refused refresh clears the cookie through its error response.
          if (isAxiosError(error)) remember(error.response)
          throw error
        },
      )
    },
  }
}

export type CookieJar = ReturnType<typeof createCookieJar>
