// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { StorageLike } from './cross-tab'
import { createLogoutMarker } from './logout-marker'

/** Where a pending logout waits for the next start: pages of every release read this name. */
const LOGOUT_PENDING_KEY = 'reel-logout-pending'

function memoryStorage(): StorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

describe('the pending-logout marker', () => {
  it('is kept in storage, where the next start of any tab finds it', () => {
    const storage = memoryStorage()
    const marker = createLogoutMarker(storage)

    marker.set()
    expect(storage.items.get(LOGOUT_PENDING_KEY)).toBe('1')
    expect(createLogoutMarker(storage).isSet()).toBe(true)

    marker.clear()
    expect(storage.items.has(LOGOUT_PENDING_KEY)).toBe(false)
    expect(createLogoutMarker(storage).isSet()).toBe(false)
  })

  it('is kept in memory where there is no storage: unset at first, then set, then cleared', () => {
    const marker = createLogoutMarker(null)

    expect(marker.isSet()).toBe(false)
    marker.set()
    expect(marker.isSet()).toBe(true)
    marker.clear()
    expect(marker.isSet()).toBe(false)
  })
})
