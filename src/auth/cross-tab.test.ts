// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeTabsEnvironment } from '../test/fake-tabs'
import {
  createCrossTab,
  type ChannelLike,
  type LockManagerLike,
  type StorageLike,
} from './cross-tab'
import { realTimers } from './time'

/** The lock every tab of the app asks for before it refreshes. */
const REFRESH_LOCK = 'reel-auth-refresh'
/** A tab waits 5 s for the lock, then gives the holder 1 s to say it is still there. */
const LOCK_WAIT_MS = 5_000
const HOLDER_ANSWER_MS = 1_000

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
    request(name, options, callback) {
      if (name === REFRESH_LOCK) return base.request(name, options, callback)
      held.add(name)
      return callback({ name }).finally(() => held.delete(name))
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

/**
 * The refresh lock as the browser keeps it: one holder, waiters in order, a waiter's signal that
 * gives up waiting, and `steal`, which rejects the holder's request with AbortError while its
 * callback runs on. Marker locks are granted at once.
 */
function exclusiveLocks(): LockManagerLike {
  let holder: object | null = null
  const waiting: Array<() => void> = []
  const releaseBy = (owner: object) => {
    if (holder !== owner) return
    holder = null
    waiting.shift()?.()
  }
  return {
    request(name, options, callback) {
      if (name !== REFRESH_LOCK) return callback({ name })
      return new Promise((resolve, reject) => {
        const grant = () => {
          const owner = { stolen: () => reject(new DOMException('Stolen.', 'AbortError')) }
          holder = owner
          void callback({ name })
            .then(resolve, reject)
            .finally(() => releaseBy(owner))
        }
        if (options.steal) {
          ;(holder as { stolen: () => void } | null)?.stolen()
          grant()
        } else if (holder === null) {
          grant()
        } else {
          waiting.push(grant)
          options.signal?.addEventListener('abort', () => {
            waiting.splice(waiting.indexOf(grant), 1)
            reject(new DOMException('Gave up waiting.', 'AbortError'))
          })
        }
      })
    },
  }
}

/** A turn of the lock that lasts until the test ends it; says whether it was passed by. */
function heldUntilReleased(tab: ReturnType<typeof createCrossTab>) {
  let release: () => void = () => undefined
  const turn = tab.withLock(async (lease) => {
    await new Promise<void>((resolve) => (release = resolve))
    return tab.passedBy(lease)
  })
  return { turn, release: () => release() }
}

describe('a holder of the refresh lock', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function tab(tabId: string, locks: LockManagerLike, channel: ChannelLike | null) {
    const crossTab = createCrossTab({
      locks,
      channel,
      storage: laggingStorage(),
      tabId,
      timers: realTimers,
    })
    crossTab.start(() => {})
    return crossTab
  }

  it('that no longer runs (a frozen page) is passed by, and learns it when it thaws', async () => {
    const locks = exclusiveLocks()
    const channels = createFakeTabsEnvironment()
    // A frozen page runs no script: it hears no question and answers none.
    const frozen = tab('frozen', locks, null)
    const waiter = tab('waiter', locks, channels.openChannel())
    const holder = heldUntilReleased(frozen)
    await vi.advanceTimersByTimeAsync(0)

    let took = false
    const taken = waiter.withLock(async () => {
      took = true
    })
    await vi.advanceTimersByTimeAsync(LOCK_WAIT_MS + HOLDER_ANSWER_MS - 1)
    expect(took).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await taken
    expect(took).toBe(true)

    holder.release() // thawed
    expect(await holder.turn).toBe(true)
  })

  it('that still runs (a slow server) keeps the lock however long it takes', async () => {
    const locks = exclusiveLocks()
    const channels = createFakeTabsEnvironment()
    const slow = tab('slow', locks, channels.openChannel())
    const waiter = tab('waiter', locks, channels.openChannel())
    const holder = heldUntilReleased(slow)
    await vi.advanceTimersByTimeAsync(0)

    let took = false
    const taken = waiter.withLock(async () => {
      took = true
    })
    await vi.advanceTimersByTimeAsync(5 * (LOCK_WAIT_MS + HOLDER_ANSWER_MS))
    expect(took).toBe(false)

    holder.release()
    expect(await holder.turn).toBe(false)
    await taken
    expect(took).toBe(true)
  })
})

/** Tabs on one channel, delivering as BroadcastChannel does (later, never to the sender); a frozen tab misses what is posted. */
function sharedChannel() {
  const tabs = new Map<string, Set<(event: MessageEvent) => void>>()
  const frozen = new Set<string>()
  const channelOf = (tab: string): ChannelLike => {
    const listeners = new Set<(event: MessageEvent) => void>()
    tabs.set(tab, listeners)
    return {
      postMessage(data) {
        for (const [other, receivers] of tabs) {
          if (other === tab || frozen.has(other)) continue
          queueMicrotask(() =>
            receivers.forEach((listener) => listener(new MessageEvent('message', { data }))),
          )
        }
      },
      addEventListener: (_type, listener) => void listeners.add(listener),
      removeEventListener: (_type, listener) => void listeners.delete(listener),
      close: () => listeners.clear(),
    }
  }
  return { channelOf, frozen }
}

describe('a tab thawing after a message it missed', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('asks for it, and a tab that heard it posts it again', async () => {
    const { channelOf, frozen } = sharedChannel()
    const storage = laggingStorage()
    const tab = (id: string) =>
      createCrossTab({
        locks: null,
        channel: channelOf(id),
        storage,
        tabId: id,
        timers: realTimers,
      })
    const [a, b, c] = [tab('a'), tab('b'), tab('c')]
    const heardByB: string[] = []
    const heardByC: string[] = []
    a.start(() => {})
    b.start((message) => heardByB.push(message.type))
    c.start((message) => heardByC.push(message.type))

    frozen.add('b')
    a.publish({ type: 'signed-out', reason: 'user', logoutPending: false })
    await vi.advanceTimersByTimeAsync(0)
    frozen.delete('b')
    let caughtUp = false
    const done = b.catchUp(1_000).then(() => (caughtUp = true))
    await vi.advanceTimersByTimeAsync(0)

    expect(caughtUp).toBe(true)
    expect(b.heard()).toBe(1)
    expect(heardByB).toEqual(['signed-out'])
    // The tabs that heard it the first time do not take it twice.
    expect(heardByC).toEqual(['signed-out'])
    await done
  })
})

describe('the generation counter in storage', () => {
  const GENERATION_KEY = 'reel-auth-generation'
  const signedOut = { type: 'signed-out', reason: 'user', logoutPending: false } as const

  function tabOn(storage: StorageLike | null) {
    const tab = createCrossTab({
      locks: null,
      channel: null,
      storage,
      tabId: 'a',
      timers: realTimers,
    })
    tab.start(() => {})
    return tab
  }

  it('publishes the generation after the one another tab stored', () => {
    const storage = laggingStorage()
    storage.setItem(GENERATION_KEY, '4')
    const tab = tabOn(storage)

    tab.publish(signedOut)

    expect(storage.getItem(GENERATION_KEY)).toBe('5')
    expect(tab.heard()).toBe(5)
    tab.stop()
  })

  it.each(['2.5', 'not a number'])('counts a stored %s as no generation', (value) => {
    const storage = laggingStorage()
    storage.setItem(GENERATION_KEY, value)
    const tab = tabOn(storage)

    tab.publish(signedOut)

    expect(storage.getItem(GENERATION_KEY)).toBe('1')
    tab.stop()
  })

  it('counts on in memory where there is no storage', () => {
    const tab = tabOn(null)

    tab.publish(signedOut)
    tab.publish(signedOut)

    expect(tab.heard()).toBe(2)
    tab.stop()
  })
})

describe("a tab's answers to other tabs' questions", () => {
  /** A channel the test speaks into as another tab, keeping what the tab posts. */
  function channelToTab() {
    const listeners = new Set<(event: MessageEvent) => void>()
    const posted: unknown[] = []
    const channel: ChannelLike = {
      postMessage: (message) => void posted.push(message),
      addEventListener: (_type, listener) => void listeners.add(listener),
      removeEventListener: (_type, listener) => void listeners.delete(listener),
      close: () => listeners.clear(),
    }
    const ask = (data: unknown) => {
      for (const listener of listeners) listener(new MessageEvent('message', { data }))
    }
    return { channel, posted, ask }
  }

  function tabOn(channel: ChannelLike) {
    const tab = createCrossTab({
      locks: createFakeTabsEnvironment().locks,
      channel,
      storage: laggingStorage(),
      tabId: 'a',
      timers: realTimers,
    })
    tab.start(() => {})
    return tab
  }

  it('says it holds the refresh lock only while it does', async () => {
    const { channel, posted, ask } = channelToTab()
    const tab = tabOn(channel)
    const probe = { type: 'lock-probe', from: 'b' }

    ask(probe)
    await tab.withLock(async () => ask(probe))
    ask(probe)

    expect(posted).toEqual([{ type: 'lock-held', from: 'a' }])
    tab.stop()
  })

  it('posts its latest message again when asked, and nothing before it has one', () => {
    const { channel, posted, ask } = channelToTab()
    const tab = tabOn(channel)
    const asked = { type: 'latest-asked', from: 'b' }

    ask(asked)
    expect(posted).toEqual([])
    tab.publish({ type: 'signed-out', reason: 'user', logoutPending: false })
    ask(asked)

    expect(posted).toHaveLength(2)
    expect(posted[1]).toEqual({ ...(posted[0] as object), resent: true })
    tab.stop()
  })
})
