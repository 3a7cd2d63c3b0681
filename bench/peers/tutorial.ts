import { isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios'
import type { BenchClient } from '../bench-client'
import { attachBearer, createTokenHolder, refreshWith, signInWith } from './common'

interface Waiter {
  resolve: (token: string) => void
  reject: (error: unknown) => void
}

/**
 * The "isRefreshing + failedQueue" interceptor found in most tutorials, kept as they write it:
 * the first 401 refreshes, 401s that arrive while it runs wait in a queue, and a 401 that arrives
 * after it has finished starts another refresh.
 */
export function createTutorialClient(api: AxiosInstance, auth: AxiosInstance): BenchClient {
  const holder = createTokenHolder()
  attachBearer(api, holder)
  let isRefreshing = false
  let failedQueue: Waiter[] = []

  const processQueue = (error: unknown, token: string | null) => {
    for (const waiter of failedQueue) {
      if (token === null) waiter.reject(error)
      else waiter.resolve(token)
    }
    failedQueue = []
  }

  api.interceptors.response.use(undefined, async (error: unknown) => {
    if (!isAxiosError(error) || !error.config) throw error
    const original = error.config
    if (error.response?.status !== 401 || original._retry) throw error
    if (isRefreshing) {
      const token = await new Promise<string>((resolve, reject) => {
        failedQueue.push({ resolve, reject })
      })
      original.headers.set('Authorization', `Bearer ${token}`)
      const replay: Promise<AxiosResponse> = api(original)
      return replay
    }
    original._retry = true
    isRefreshing = true
    try {
      const token = await refreshWith(auth, holder)
      processQueue(null, token)
      original.headers.set('Authorization', `Bearer ${token}`)
      const replay: Promise<AxiosResponse> = api(original)
      return replay
    } catch (refreshError) {
      processQueue(refreshError, null)
      throw refreshError
    } finally {
      isRefreshing = false
    }
  })

  return {
    api,
    signIn: () => signInWith(auth, holder),
    dispose: () => undefined,
  }
}
