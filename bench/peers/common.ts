import type { AxiosInstance } from 'axios'
import { z } from 'zod'
import type { BenchClient } from '../bench-client'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** The tutorials' flag for "this request was already retried after a refresh". */
    _retry?: boolean
  }
}

export const DEMO = { username: 'demo', password: 'demo-password-1' } as const

const tokenBodySchema = z.object({ accessToken: z.string() })

/**
 * How the peers keep the access token: a variable in memory, like Reel, so that where the
 * token lives is not what the benchmark compares.
 */
export function createTokenHolder() {
  let token: string | null = null
  return {
    get: (): string | null => token,
    set(value: string): void {
      token = value
    },
  }
}

export type TokenHolder = ReturnType<typeof createTokenHolder>

/** The request interceptor every tutorial (and axios-auth-refresh's README) pairs with a refresh. */
export function attachBearer(api: AxiosInstance, holder: TokenHolder): void {
  api.interceptors.request.use((config) => {
    const token = holder.get()
    if (token !== null) config.headers.set('Authorization', `Bearer ${token}`)
    return config
  })
}

export async function signInWith(auth: AxiosInstance, holder: TokenHolder): Promise<void> {
  const { data } = await auth.post<unknown>('/auth/login', DEMO)
  holder.set(tokenBodySchema.parse(data).accessToken)
}

/** One refresh call: the cookie goes out, a new access token comes back and is kept. */
export async function refreshWith(auth: AxiosInstance, holder: TokenHolder): Promise<string> {
  const { data } = await auth.post<unknown>('/auth/refresh')
  const { accessToken } = tokenBodySchema.parse(data)
  holder.set(accessToken)
  return accessToken
}

/** A client with no refresh logic at all: the control rows' bare axios with a valid token. */
export function plainClient(api: AxiosInstance, auth: AxiosInstance): BenchClient {
  const holder = createTokenHolder()
  attachBearer(api, holder)
  return {
    api,
    signIn: () => signInWith(auth, holder),
    refreshOnce: () => refreshWith(auth, holder).then(() => undefined),
    dispose: () => undefined,
  }
}
