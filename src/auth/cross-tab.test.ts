import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeTabsEnvironment } from '../test/fake-tabs'
import {
  createCrossTab,
  REFRESH_LOCK,
  type ChannelLike,
  type LockManagerLike,
  type StorageLike,
} from './cross-tab'
import { realTimers } from './scheduler'

/** Each tab's own storage, which never sees the other's writes: storage lagging at its worst. */
function laggingStorage(): StorageLike {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

/** The fake tabs' lock, plus held marker locks and `query()`, as the browser's lock manager has. */
function queryableLocks(base: LockManagerLike): LockManagerLike {
  const held = new Set<string>()
  return {
    request(name, callback) {
      if (name === REFRESH_LOCK) return base.request(name, callback)
      held.add(name)
      return callback().finally(() => held.delete(name))
    },
    query: () => Promise.resolve({ held: [...held].map((name) => ({ name })) }),
  }
}

/** A channel whose messages stay in transit until the test delivers them. */
function channelInTransit() {
  const listeners = new Set<(event: MessageEvent) => void>()
  const queued: unknown[] = []
  const receiver: ChannelLike = {
    postMessage: () => {},
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
    close: () => listeners.clear(),
  }
  const sender: ChannelLike = { ...receiver, postMessage: (message) => void queued.push(message) }
  const deliver = () => {
    for (const data of queued.splice(0)) {
      for (const listener of listeners) listener(new MessageEvent('message', { data }))
    }
  }
  return { sender, receiver, deliver }
}

function twoTabs(locks: LockManagerLike) {
  const transit = channelInTransit()
  const timers = realTimers
  const a = createCrossTab({
    locks,
    channel: transit.sender,
    storage: laggingStorage(),
    tabId: 'a',
    timers,
  })
  const b = createCrossTab({
    locks,
    channel: transit.receiver,
    storage: laggingStorage(),
    tabId: 'b',
    timers,
  })
  a.start(() => {})
  b.start(() => {})
  return { a, b, deliver: transit.deliver }
}

/** Tab A signs out under the lock; tab B takes the lock next, its message still in transit. */
async function nextHolderCatchesUp(locks: LockManagerLike) {
  const { a, b, deliver } = twoTabs(locks)
  await a.withLock(async () => {
    a.publish({ type: 'signed-out', reason: 'user', logoutPending: false })
  })
  let caughtUp = false
  const done = b.withLock(() => b.catchUp(5_000)).then(() => (caughtUp = true))
  await vi.advanceTimersByTimeAsync(0)
  const waitedForTheMessage = !caughtUp
  deliver()
  await done
  return { waitedForTheMessage, heard: b.heard() }
}

describe('the next lock holder', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('waits for the message of the tab before it, even when storage has not caught up', async () => {
    const { waitedForTheMessage, heard } = await nextHolderCatchesUp(
      queryableLocks(createFakeTabsEnvironment().locks),
    )
    expect(waitedForTheMessage).toBe(true)
    expect(heard).toBe(1)
  })

  it('cannot know, with storage alone, that a message is on its way (why the marker lock exists)', async () => {
    const { waitedForTheMessage } = await nextHolderCatchesUp(createFakeTabsEnvironment().locks)
    expect(waitedForTheMessage).toBe(false)
  })
})
