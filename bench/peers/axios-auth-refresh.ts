import type { AxiosInstance } from 'axios'
import { createAuthRefresh, type AxiosAuthRefreshOptions } from 'axios-auth-refresh'
import type { BenchClient } from '../bench-client'
import { attachBearer, createTokenHolder, refreshWith, signInWith } from './common'

/**
 * axios-auth-refresh 5 set up as its README shows: a request interceptor that reads the token
 * each time, and a refresh through another instance (the README's global axios), so the paused
 * instance never waits on its own refresh call.
 */
export function createAxiosAuthRefreshClient(
  api: AxiosInstance,
  auth: AxiosInstance,
  options: AxiosAuthRefreshOptions = {},
): BenchClient {
  const holder = createTokenHolder()
  attachBearer(api, holder)
  createAuthRefresh(api, () => refreshWith(auth, holder), options)
  return {
    api,
    signIn: () => signInWith(auth, holder),
    dispose: () => undefined,
  }
}
