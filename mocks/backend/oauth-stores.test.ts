import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db, resetDb } from './db.ts'
import {
  AUTHORIZATION_REQUEST_TTL_SEC,
  CODE_MEMORY_SEC,
  CODE_TTL_SEC,
  OAUTH_STORE_CAPACITY,
  PROVIDER_ACCESS_TOKEN_TTL_SEC,
} from './oauth-stores.ts'

/**
 * Every social sign-in store of the mock's state, with how long its entries are kept. Read when
 * used: a reset puts fresh stores in the state.
 */
const STORES = [
  ['pending consent pages', () => db.authorizationRequests, AUTHORIZATION_REQUEST_TTL_SEC],
  ['authorization codes', () => db.authorizationCodes, CODE_MEMORY_SEC],
  ['provider access tokens', () => db.providerAccessTokens, PROVIDER_ACCESS_TOKEN_TTL_SEC.kakao],
  ['codes brought to Reel', () => db.exchangedCodes, CODE_MEMORY_SEC],
] as const

/** What is stored does not matter to the store; these tests look at keys alone. */
const anyRecord = {} as never

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  resetDb()
})
afterEach(() => {
  resetDb()
  vi.useRealTimers()
})

describe('the social sign-in stores', () => {
  it('keep a code no longer than RFC 6749 §4.1.2 allows, and its lifetime shorter', () => {
    expect(CODE_MEMORY_SEC).toBeLessThanOrEqual(10 * 60)
    expect(CODE_TTL_SEC).toBeLessThan(CODE_MEMORY_SEC)
  })

  for (const [name, storeNow, ttlSec] of STORES) {
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

    it(`hold at most ${OAUTH_STORE_CAPACITY} ${name}, the oldest evicted first`, () => {
      const store = storeNow()
      for (let index = 0; index <= OAUTH_STORE_CAPACITY; index++) store.set(`${index}`, anyRecord)
      expect(store.size).toBe(OAUTH_STORE_CAPACITY)
      expect(store.get('0')).toBeUndefined()
      expect(store.get('1')).toBe(anyRecord)
    })
  }
})
