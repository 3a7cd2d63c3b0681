import type { AxiosInstance } from 'axios'
import { createAuthHttp, createAuthSession, installAuthInterceptor } from '../src/auth'
import type { BenchClient } from './bench-client'
import { attachWire, createApiClient, type Wire } from './lib/transport'
import { createAxiosAuthRefreshClient } from './peers/axios-auth-refresh'
import { DEMO, plainClient } from './peers/common'
import { createNaiveClient } from './peers/naive'
import { createTutorialClient } from './peers/tutorial'

/** Far enough past the default 300 s lifetime that every clock agrees the token is dead. */
export const EXPIRY_JUMP_SEC = 400

/**
 * Reel as the app wires it (src/app/auth.ts), minus the browser-only parts: no Web Locks and no
 * BroadcastChannel in Node (and Node's BroadcastChannel would keep the process alive).
 */
export function createReelClient(
  api: AxiosInstance,
  auth: AxiosInstance,
  { ownClock = false } = {},
): BenchClient {
  let clockOffsetMs = 0
  const session = createAuthSession({
    http: auth,
    locks: null,
    channel: null,
    clock: () => performance.now() + clockOffsetMs,
  })
  installAuthInterceptor(api, session)
  return {
    api,
    signIn: async () => {
      await session.signIn(DEMO)
    },
    ...(ownClock && {
      expireLocally: () => {
        clockOffsetMs += EXPIRY_JUMP_SEC * 1000
      },
    }),
    dispose: () => session.dispose(),
  }
}

export interface ClientSpec {
  id: string
  name: string
  create(origin: string, wire: Wire): BenchClient
}

/** Both instances of a peer share one simulated browser: its pool, its cookies, its wire log. */
const pair = (origin: string, wire: Wire) =>
  [createApiClient(origin, wire), createApiClient(origin, wire)] as const

export const CONTROL: ClientSpec = {
  id: 'control',
  name: 'control: bare axios, valid token, + 1 refresh',
  create: (origin, wire) => plainClient(...pair(origin, wire)),
}

export const REEL: ClientSpec = {
  id: 'reel',
  name: 'Reel',
  create: (origin, wire) =>
    createReelClient(
      createApiClient(origin, wire),
      attachWire(createAuthHttp(`${origin}/api`), wire),
    ),
}

export const REEL_OWN_CLOCK: ClientSpec = {
  id: 'reel-own-clock',
  name: 'Reel, expiry also seen by its clock',
  create: (origin, wire) =>
    createReelClient(
      createApiClient(origin, wire),
      attachWire(createAuthHttp(`${origin}/api`), wire),
      { ownClock: true },
    ),
}

export const PEERS: readonly ClientSpec[] = [
  {
    id: 'aar',
    name: 'axios-auth-refresh 5, defaults',
    create: (origin, wire) => createAxiosAuthRefreshClient(...pair(origin, wire)),
  },
  {
    id: 'aar-no-dedupe',
    name: 'axios-auth-refresh 5, deduplicateRefresh: false',
    create: (origin, wire) =>
      createAxiosAuthRefreshClient(...pair(origin, wire), { deduplicateRefresh: false }),
  },
  {
    id: 'tutorial',
    name: 'tutorial: isRefreshing + failedQueue',
    create: (origin, wire) => createTutorialClient(...pair(origin, wire)),
  },
  {
    id: 'naive',
    name: 'naive: refresh on every 401',
    create: (origin, wire) => createNaiveClient(...pair(origin, wire)),
  },
]
