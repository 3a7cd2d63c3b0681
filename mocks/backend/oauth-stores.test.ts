import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  AUTHORIZATION_REQUEST_TTL_SEC,
  CODE_TTL_SEC,
  ISSUED_CODE_MEMORY_SEC,
  PROVIDER_ACCESS_TOKEN_TTL_SEC,
  PROVIDER_STORE_CAPACITY,
  providerState,
  resetProviderState,
} from '../providers/state.ts'
import { db, resetDb } from './db.ts'
import { CODE_MEMORY_SEC, OAUTH_STORE_CAPACITY } from './oauth-stores.ts'

/**
 * Every social sign-in store of the mocks' state, the providers' and Reel's, with how long its
 * entries are kept and how many it holds. Read when used: a reset puts fresh stores in the state.
 */
const STORES = [
  [
    'pending consent pages',
    () => providerState.authorizationRequests,
    AUTHORIZATION_REQUEST_TTL_SEC,
    PROVIDER_STORE_CAPACITY,
  ],
  [
    'authorization codes',
    () => providerState.authorizationCodes,
    ISSUED_CODE_MEMORY_SEC,
    PROVIDER_STORE_CAPACITY,
  ],
  [
    'provider access tokens',
    () => providerState.providerAccessTokens,
    PROVIDER_ACCESS_TOKEN_TTL_SEC.kakao,
    PROVIDER_STORE_CAPACITY,
  ],
  ['codes brought to Reel', () => db.exchangedCodes, CODE_MEMORY_SEC, OAUTH_STORE_CAPACITY],
] as const

function resetBoth(): void {
  resetDb()
  resetProviderState()
}

/** What is stored does not matter to the store; these tests look at keys alone. */
const anyRecord = {} as never

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  resetBoth()
})
afterEach(() => {
  resetBoth()
  vi.useRealTimers()
})

describe('the social sign-in stores', () => {
  it('keep a code no longer than RFC 6749 §4.1.2 allows, and its lifetime shorter', () => {
    expect(CODE_MEMORY_SEC).toBeLessThanOrEqual(10 * 60)
    expect(ISSUED_CODE_MEMORY_SEC).toBeLessThanOrEqual(10 * 60)
    expect(CODE_TTL_SEC).toBeLessThan(ISSUED_CODE_MEMORY_SEC)
  })

  for (const [name, storeNow, ttlSec, capacity] of STORES) {
    it(`forget ${name} after ${ttlSec} s, and sweep them out of memory`, () => {
      const store = storeNow()
      store.set('first', anyRecord)
      vi.advanceTimersByTime(ttlSec * 1000 - 1)
      expect(store.get('first')).toBe(anyRecord)
      vi.advanceTimersByTime(1)
      expect(store.get('first')).toBeUndefined()
      store.set('second', anyRecord)
      expect(store.size).toBe(1)
    })

    it(`hold at most ${capacity} ${name}, the oldest evicted first`, () => {
      const store = storeNow()
      for (let index = 0; index <= capacity; index++) store.set(`${index}`, anyRecord)
      expect(store.size).toBe(capacity)
      expect(store.get('0')).toBeUndefined()
      expect(store.get('1')).toBe(anyRecord)
    })
  }
})
