import { isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios'
import type { BenchClient } from '../bench-client'
import { attachBearer, createTokenHolder, refreshWith, signInWith } from './common'

/** The first interceptor anyone writes: every 401 refreshes on its own, then retries once. */
export function createNaiveClient(api: AxiosInstance, auth: AxiosInstance): BenchClient {
  const holder = createTokenHolder()
  attachBearer(api, holder)
  api.interceptors.response.use(undefined, async (error: unknown) => {
    if (!isAxiosError(error) || !error.config) throw error
    const original = error.config
    if (error.response?.status !== 401 || original._retry) throw error
    original._retry = true
    await refreshWith(auth, holder)
    const replay: Promise<AxiosResponse> = api(original)
    return replay
  })
  return {
    api,
    signIn: () => signInWith(auth, holder),
    dispose: () => undefined,
  }
}
