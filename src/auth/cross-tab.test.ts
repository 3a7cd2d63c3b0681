// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeTabsEnvironment } from '../test/fake-tabs'
import {
  browserChannel,
  browserLocks,
  browserStorage,
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

/**
 * A channel the test speaks into as another tab, keeping what the tab posts. Like a real
 * BroadcastChannel, it delivers only to listeners of the `message` type. Closing it is recorded
 * but delivers on, as a channel a page shares with other code would.
 */
function channelToTab() {
  const listeners = new Map<string, Set<(event: MessageEvent) => void>>()
  const posted: unknown[] = []
  let closed = false
  const channel: ChannelLike = {
    postMessage: (message) => void posted.push(message),
    addEventListener(type, listener) {
      const ofType = listeners.get(type) ?? new Set()
      listeners.set(type, ofType.add(listener))
    },
    removeEventListener: (type, listener) => void listeners.get(type)?.delete(listener),
    close: () => void (closed = true),
  }
  const ask = (data: unknown) => {
    for (const listener of listeners.get('message') ?? [])
      listener(new MessageEvent('message', { data }))
  }
  return { channel, posted, ask, closed: () => closed }
}

describe("a tab's answers to other tabs' questions", () => {
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

  it('answers a question for its latest message with that message even while it holds the lock', async () => {
    const { channel, posted, ask } = channelToTab()
    const tab = tabOn(channel)
    tab.publish({ type: 'signed-out', reason: 'user', logoutPending: false })

    await tab.withLock(async () => {
      ask({ type: 'latest-asked', from: 'b' })
      // Another holder's answer to a probe is no question to this tab.
      ask({ type: 'lock-held', from: 'b' })
    })

    expect(posted).toEqual([posted[0], { ...(posted[0] as object), resent: true }])
    tab.stop()
  })

  it('answers no lock probe while it holds no lock, even with a message it could post again', () => {
    const { channel, posted, ask } = channelToTab()
    const tab = tabOn(channel)
    tab.publish({ type: 'signed-out', reason: 'user', logoutPending: false })

    ask({ type: 'lock-probe', from: 'b' })

    expect(posted).toHaveLength(1)
    tab.stop()
  })
})

const signedOutBy = (from: string, generation: number) =>
  ({ type: 'signed-out', from, generation, reason: 'other-tab', logoutPending: false }) as const

describe('the messages a tab takes from other tabs', () => {
  const GENERATION_KEY = 'reel-auth-generation'
  const token = {
    type: 'token',
    from: 'b',
    generation: 1,
    accessToken: 'access-1',
    expiresIn: 300,
    sessionExpiresAt: null,
    user: {
      id: 'u1',
      username: 'demo',
      displayName: 'Demo',
      email: 'demo@example.com',
      providers: [],
    },
  } as const

  function listeningTab(storage: StorageLike = laggingStorage()) {
    const { channel, ask, closed } = channelToTab()
    const tab = createCrossTab({ locks: null, channel, storage, tabId: 'a', timers: realTimers })
    const heard: unknown[] = []
    tab.start((message) => heard.push(message))
    return { tab, ask, heard, closed }
  }

  it('hands a token message over as it was posted', () => {
    const { tab, ask, heard } = listeningTab()
    const steppedUp = { ...token, steppedUp: true }

    ask(steppedUp)

    expect(heard).toEqual([steppedUp])
    expect(tab.heard()).toBe(1)
    tab.stop()
  })

  it('takes a message posted again for a tab that asked, when it had not heard it', () => {
    const { tab, ask, heard } = listeningTab()

    ask({ ...token, resent: true })
    ask({ ...signedOutBy('b', 2), resent: true })

    expect(heard).toEqual([
      { ...token, resent: true },
      { ...signedOutBy('b', 2), resent: true },
    ])
    tab.stop()
  })

  it('ignores a message that is not what a tab of this app posts', () => {
    const { tab, ask, heard } = listeningTab()

    ask({ ...token, accessToken: '' })
    ask({ ...signedOutBy('b', 1), reason: 'bored' })
    ask({ type: 'token', from: 'b', generation: 1 })

    expect(heard).toEqual([])
    expect(tab.heard()).toBe(0)
    tab.stop()
  })

  it('ignores a message that carries its own tab id', () => {
    const { tab, ask, heard } = listeningTab()

    ask(signedOutBy('a', 1))

    expect(heard).toEqual([])
    tab.stop()
  })

  it('takes a message of the generation it found in storage when it started', () => {
    // The other tab writes the counter before it posts: this tab may start in between.
    const storage = laggingStorage()
    storage.setItem(GENERATION_KEY, '3')
    const { tab, ask, heard } = listeningTab(storage)

    ask(signedOutBy('b', 3))

    expect(heard).toEqual([signedOutBy('b', 3)])
    tab.stop()
  })

  it('ignores a message older than one it heard, and one posted again that it heard', () => {
    const { tab, ask, heard } = listeningTab()

    ask(signedOutBy('b', 2))
    ask({ ...token, generation: 1 })
    ask({ ...signedOutBy('b', 2), resent: true })

    expect(heard).toEqual([signedOutBy('b', 2)])
    expect(tab.heard()).toBe(2)
    tab.stop()
  })

  it('stops listening to the channel, and closes it, when it stops', () => {
    const { tab, ask, heard, closed } = listeningTab()

    tab.stop()
    ask(signedOutBy('b', 1))

    expect(closed()).toBe(true)
    expect(heard).toEqual([])
    expect(tab.heard()).toBe(0)
  })
})

describe('the generation markers', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const signedOut = { type: 'signed-out', reason: 'user', logoutPending: false } as const

  /** A lock manager in which other code of the origin, or other tabs, hold `others`. */
  function locksAlsoHolding(others: ReadonlyArray<{ name?: string }>): LockManagerLike {
    const locks = queryableLocks(createFakeTabsEnvironment().locks)
    return {
      request: (name, options, callback) => locks.request(name, options, callback),
      query: async () => ({ held: [...others, ...((await locks.query?.())?.held ?? [])] }),
    }
  }

  const heldNames = async (locks: LockManagerLike) =>
    ((await locks.query?.())?.held ?? []).map(({ name }) => name)

  function tabOn(locks: LockManagerLike, tabId = 'a') {
    const tab = createCrossTab({
      locks,
      channel: null,
      storage: laggingStorage(),
      tabId,
      timers: realTimers,
    })
    tab.start(() => {})
    return tab
  }

  it('are held for the latest generation a tab published only, and let go when it stops', async () => {
    const locks = queryableLocks(createFakeTabsEnvironment().locks)
    const tab = tabOn(locks)

    tab.publish(signedOut)
    tab.publish(signedOut)
    await vi.advanceTimersByTimeAsync(0)
    expect(await heldNames(locks)).toEqual(['reel-auth-generation:2:a'])

    tab.stop()
    await vi.advanceTimersByTimeAsync(0)
    expect(await heldNames(locks)).toEqual([])
  })

  it("are read by name, with the generation another tab's marker carries", async () => {
    const tab = tabOn(locksAlsoHolding([{ name: 'reel-auth-generation:12:b' }]))

    const lease = await tab.withLock(async (lease) => lease)

    expect(lease).toEqual({ generationAtGrant: 12, lost: false })
  })

  it("are told from the origin's other locks, even one whose name ends like a marker", async () => {
    const tab = tabOn(
      locksAlsoHolding([
        { name: 'video-upload-session:40' },
        { name: REFRESH_LOCK },
        {},
        { name: 'reel-auth-generation:3:b' },
      ]),
    )

    const lease = await tab.withLock(async (lease) => lease)

    expect(lease.generationAtGrant).toBe(3)
  })

  it('tell a holder it was passed by when a tab published during its turn, though storage lags', async () => {
    const locks = queryableLocks(createFakeTabsEnvironment().locks)
    const holder = tabOn(locks, 'a')
    const other = tabOn(locks, 'b')

    const passedBy = await holder.withLock(async (lease) => {
      const before = await holder.passedBy(lease)
      other.publish(signedOut)
      await vi.advanceTimersByTimeAsync(0)
      return [before, await holder.passedBy(lease)]
    })

    expect(passedBy).toEqual([false, true])
  })
})

describe('a tab without Web Locks', () => {
  const signedOut = { type: 'signed-out', reason: 'user', logoutPending: false } as const

  it('begins a turn at the generation it heard, and learns from storage when another tab published since', async () => {
    const storage = laggingStorage()
    const tab = (tabId: string) => {
      const crossTab = createCrossTab({
        locks: null,
        channel: null,
        storage,
        tabId,
        timers: realTimers,
      })
      crossTab.start(() => {})
      return crossTab
    }
    const [a, b] = [tab('a'), tab('b')]
    a.publish(signedOut)

    const turn = await a.withLock(async (lease) => {
      const before = await a.passedBy(lease)
      b.publish(signedOut)
      return { lease, before, after: await a.passedBy(lease) }
    })

    expect(turn).toEqual({
      lease: { generationAtGrant: 1, lost: false },
      before: false,
      after: true,
    })
  })
})

describe('catching up under the lock', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const GENERATION_KEY = 'reel-auth-generation'

  /** A tab that started before another tab, on the same storage, published `generation`. */
  function behindBy(generation: number, channel: ChannelLike | null) {
    const storage = laggingStorage()
    const tab = createCrossTab({ locks: null, channel, storage, tabId: 'a', timers: realTimers })
    tab.start(() => {})
    storage.setItem(GENERATION_KEY, String(generation))
    let caughtUp = false
    const done = tab.catchUp(5_000).then(() => (caughtUp = true))
    return { tab, done, caughtUp: () => caughtUp }
  }

  it('waits for the newest message, past an older one that arrives first', async () => {
    const { channel, ask, posted } = channelToTab()
    const { tab, done, caughtUp } = behindBy(2, channel)
    await vi.advanceTimersByTimeAsync(0)
    expect(posted).toEqual([{ type: 'latest-asked', from: 'a' }])

    ask(signedOutBy('b', 1))
    await vi.advanceTimersByTimeAsync(0)
    expect(caughtUp()).toBe(false)

    ask(signedOutBy('b', 2))
    await vi.advanceTimersByTimeAsync(0)
    expect(caughtUp()).toBe(true)
    await done
    tab.stop()
  })

  it('stops waiting when the tab stops', async () => {
    const { tab, done, caughtUp } = behindBy(1, channelToTab().channel)
    await vi.advanceTimersByTimeAsync(0)
    expect(caughtUp()).toBe(false)

    tab.stop()
    await vi.advanceTimersByTimeAsync(0)

    expect(caughtUp()).toBe(true)
    await done
  })

  it('does not wait for news a tab without a channel cannot hear', async () => {
    const { tab, done, caughtUp } = behindBy(1, null)
    await vi.advanceTimersByTimeAsync(0)

    expect(caughtUp()).toBe(true)
    await done
    tab.stop()
  })
})

describe('a tab waiting for the refresh lock', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  /** The lock every waiter takes before it passes a silent holder by. */
  const TAKEOVER_LOCK = 'reel-auth-refresh-takeover'

  function tab(tabId: string, locks: LockManagerLike, channel: ChannelLike | null = null) {
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

  /** `base`, with the takeover lock held by another waiter for as long as the test runs. */
  function takeoverHeldElsewhere(base: LockManagerLike): LockManagerLike {
    return {
      request(name, options, callback) {
        if (name !== TAKEOVER_LOCK) return base.request(name, options, callback)
        return options.ifAvailable ? callback(null) : new Promise(() => {})
      },
    }
  }

  it('passes a silent holder by without asking when it has no channel to ask on', async () => {
    const locks = exclusiveLocks()
    const holder = heldUntilReleased(tab('frozen', locks))
    await vi.advanceTimersByTimeAsync(0)

    let took = false
    const taken = tab('waiter', locks).withLock(async () => {
      took = true
    })
    await vi.advanceTimersByTimeAsync(LOCK_WAIT_MS - 1)
    expect(took).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(took).toBe(true)
    await taken

    holder.release()
    expect(await holder.turn).toBe(true)
  })

  it('having passed a silent holder by, runs its task once and answers with its result', async () => {
    const locks = exclusiveLocks()
    const channels = createFakeTabsEnvironment()
    const holder = heldUntilReleased(tab('frozen', locks))
    await vi.advanceTimersByTimeAsync(0)

    let runs = 0
    const taken = tab('waiter', locks, channels.openChannel()).withLock(async () => {
      runs++
      return 'fresh token'
    })
    await vi.advanceTimersByTimeAsync(LOCK_WAIT_MS + HOLDER_ANSWER_MS)
    expect(await taken).toBe('fresh token')

    holder.release()
    await holder.turn
    await vi.advanceTimersByTimeAsync(2 * (LOCK_WAIT_MS + HOLDER_ANSWER_MS))
    expect(runs).toBe(1)
  })

  it('leaves passing a silent holder by to the waiter already doing it, and waits on', async () => {
    const locks = takeoverHeldElsewhere(exclusiveLocks())
    const channels = createFakeTabsEnvironment()
    const holder = heldUntilReleased(tab('frozen', locks))
    await vi.advanceTimersByTimeAsync(0)

    let took = false
    const taken = tab('waiter', locks, channels.openChannel()).withLock(async () => {
      took = true
    })
    await vi.advanceTimersByTimeAsync(3 * (LOCK_WAIT_MS + HOLDER_ANSWER_MS))
    expect(took).toBe(false)

    holder.release()
    expect(await holder.turn).toBe(false)
    await vi.advanceTimersByTimeAsync(0)
    expect(took).toBe(true)
    await taken
  })

  it('fails with the error of a task that fails, and does not run it again', async () => {
    const waiter = tab('waiter', exclusiveLocks())

    let runs = 0
    const failed = waiter.withLock(async () => {
      runs++
      throw new Error('refresh refused')
    })

    await expect(failed).rejects.toThrow('refresh refused')
    await vi.advanceTimersByTimeAsync(2 * (LOCK_WAIT_MS + HOLDER_ANSWER_MS))
    expect(runs).toBe(1)
  })

  it('fails with the error of a task that outlasts the lock wait, and does not run it again', async () => {
    const waiter = tab('waiter', exclusiveLocks())

    let runs = 0
    let fail: (error: Error) => void = () => undefined
    const failed = waiter.withLock(async () => {
      runs++
      await new Promise<void>((_resolve, reject) => (fail = reject))
    })
    const outcome = failed.then(
      () => 'succeeded',
      (error: Error) => error.message,
    )
    await vi.advanceTimersByTimeAsync(LOCK_WAIT_MS + 1)
    fail(new Error('slow server gave up'))

    await vi.advanceTimersByTimeAsync(2 * (LOCK_WAIT_MS + HOLDER_ANSWER_MS))
    expect(runs).toBe(1)
    expect(await outcome).toBe('slow server gave up')
  })

  it('leaves no timer running once its turn is over', async () => {
    const waiter = tab('waiter', exclusiveLocks())

    await waiter.withLock(async () => undefined)

    expect(vi.getTimerCount()).toBe(0)
  })
})

describe("the browser's own APIs", () => {
  afterEach(() => vi.unstubAllGlobals())

  it('uses the Web Locks of the navigator, and none where it has none or there is no navigator', () => {
    const locks = exclusiveLocks()
    vi.stubGlobal('navigator', { locks })
    expect(browserLocks()).toBe(locks)
    vi.stubGlobal('navigator', {})
    expect(browserLocks()).toBeNull()
    vi.stubGlobal('navigator', undefined)
    expect(browserLocks()).toBeNull()
  })

  it('shares one channel with the other pages of the origin, by its name', async () => {
    const page = browserChannel()
    const other = new BroadcastChannel('reel-auth')
    const tab = createCrossTab({
      locks: null,
      channel: page,
      storage: null,
      tabId: 'a',
      timers: realTimers,
    })
    const heard: unknown[] = []
    const heardOther: unknown[] = []
    other.addEventListener('message', (event) => heardOther.push(event.data))
    try {
      tab.start((message) => heard.push(message))
      other.postMessage(signedOutBy('b', 1))
      tab.publish({ type: 'signed-out', reason: 'user', logoutPending: false })

      await vi.waitFor(() => expect(heard).toEqual([signedOutBy('b', 1)]))
      await vi.waitFor(() => expect(heardOther).toHaveLength(1))
    } finally {
      tab.stop()
      other.close()
    }
  })

  it('has no channel where the browser has no BroadcastChannel', () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    expect(browserChannel()).toBeNull()
  })

  it('uses localStorage, and none where there is none', () => {
    const storage = laggingStorage()
    vi.stubGlobal('localStorage', storage)
    expect(browserStorage()).toBe(storage)
    vi.stubGlobal('localStorage', undefined)
    expect(browserStorage()).toBeNull()
  })

  it('has no storage where the browser switched localStorage off', () => {
    const own = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')
    Object.defineProperty(globalThis, 'localStorage', {
      get: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError')
      },
      configurable: true,
    })
    try {
      expect(browserStorage()).toBeNull()
    } finally {
      if (own) Object.defineProperty(globalThis, 'localStorage', own)
      else Reflect.deleteProperty(globalThis, 'localStorage')
    }
  })
})
