import * as z from 'zod/mini'
import { userSchema } from '../../contract/auth'
import { SIGN_OUT_REASONS } from './sign-out-reason'
import type { Timers } from './time'
import { onFirstUse } from '../lib/on-first-use'

/** The options of a lock request this module uses. */
interface LockOptions {
  /** Gives up waiting (not holding) when it aborts. */
  signal?: AbortSignal
  /** Takes the lock at once from whoever holds it; that holder's request rejects with AbortError. */
  steal?: boolean
  /** Never waits: the callback gets null when the lock is held. */
  ifAvailable?: boolean
}

/** The part of the Web Locks API this module needs; absent where the browser lacks it. */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: LockOptions,
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>
  /** Which locks are held; used to read the generation markers (optional in test doubles). */
  query?(): Promise<{ held?: ReadonlyArray<{ name?: string | undefined }> | undefined }>
}

/** The part of BroadcastChannel this module needs. */
export interface ChannelLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  close(): void
}

/** The part of localStorage this module needs. Only counters and flags go there, never a token. */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const REFRESH_LOCK = 'reel-auth-refresh'
const AUTH_CHANNEL = 'reel-auth'
/** How many token answers and sign-outs the origin has seen: a number, not a secret. */
const GENERATION_KEY = 'reel-auth-generation'
/** A lock named after the generation a tab last published, held until its next one. */
const GENERATION_MARKER = 'reel-auth-generation:'
/**
 * How long a tab waits for the refresh lock before it asks whether the holder is still there:
 * well past a normal refresh answer, and short of the 15 s a waiting request allows itself.
 */
const LOCK_WAIT_MS = 5_000
/** How long a holder that is still there (running, even in a background tab) takes to say so. */
const HOLDER_ANSWER_MS = 1_000
/** Held by the one waiter passing a silent holder by, so that two waiters never both do. */
const TAKEOVER_LOCK = 'reel-auth-refresh-takeover'

/**
 * One tab asks who holds the refresh lock, and the holder, if its page still runs, answers; or
 * one tab asks for the newest message, which it may have missed while its page was frozen.
 */
const probeSchema = onFirstUse(() =>
  z.object({
    type: z.enum(['lock-probe', 'lock-held', 'latest-asked']),
    from: z.string(),
  }),
)

/** One turn of holding the refresh lock. */
export interface Lease {
  /** The generation the origin had reached when this turn began. */
  readonly generationAtGrant: number
  /** Set once another tab took the lock over: whatever this turn does after is stale. */
  lost: boolean
}

/**
 * What tabs tell each other. Parsed on arrival like any other untrusted input; built when the
 * first message arrives, so a tab alone never builds it.
 */
const channelMessageSchema = onFirstUse(() => {
  const generation = z.int().check(z.nonnegative())

  return z.discriminatedUnion('type', [
    z.object({
      type: z.literal('token'),
      from: z.string(),
      generation,
      accessToken: z.string().check(z.minLength(1)),
      expiresIn: z.number().check(z.positive()),
      sessionExpiresAt: z.nullable(z.number()),
      user: userSchema,
      /** The token comes from a re-authentication: its sign-in is fresh (`auth_time`). */
      steppedUp: z.optional(z.literal(true)),
      /** Posted again for a tab that asked for it: news only to a tab that has not heard it. */
      resent: z.optional(z.literal(true)),
    }),
    z.object({
      type: z.literal('signed-out'),
      from: z.string(),
      generation,
      reason: z.enum(SIGN_OUT_REASONS),
      logoutPending: z.boolean(),
      resent: z.optional(z.literal(true)),
    }),
  ])
})

export type ChannelMessage = z.infer<ReturnType<typeof channelMessageSchema>>
type Outgoing =
  | Omit<Extract<ChannelMessage, { type: 'token' }>, 'from' | 'generation' | 'resent'>
  | Omit<Extract<ChannelMessage, { type: 'signed-out' }>, 'from' | 'generation' | 'resent'>

interface CrossTabOptions {
  locks: LockManagerLike | null
  channel: ChannelLike | null
  storage: StorageLike | null
  tabId: string
  timers: Timers
  /** How long to wait for the lock before asking whether its holder still runs. */
  lockWaitMs?: number
}

/**
 * Everything tabs of one origin share: the refresh lock, the channel, and a generation counter
 * that orders them. The lock holder bumps the counter before it releases the lock, so the next
 * holder knows, without racing the channel, that a message is on its way and can wait for it
 * instead of spending the refresh cookie a second time.
 *
 * The counter goes two ways. localStorage alone is not enough: Chromium can hand the lock to the
 * next tab before that tab sees the storage write. So the holder also takes a lock named after
 * the generation (`reel-auth-generation:7:<tab>`) before it lets the refresh lock go; the browser
 * orders every lock operation, so the next holder's `locks.query()` always sees that marker.
 */
export function createCrossTab({
  locks,
  channel,
  storage,
  tabId,
  timers,
  lockWaitMs = LOCK_WAIT_MS,
}: CrossTabOptions) {
  let heard = 0
  /** The newest message this tab published or heard, to post again for a tab that missed it. */
  let latest: ChannelMessage | null = null
  let tail: Promise<unknown> = Promise.resolve()
  let onMessage: ((message: ChannelMessage) => void) | null = null
  const catchingUp = new Set<() => void>()
  /** Ends the marker lock of this tab's last publication; `marked` resolves once it is held. */
  let releaseMarker: (() => void) | null = null
  let marked: Promise<void> = Promise.resolve()
  /** How many turns of the refresh lock this tab is in now (a stolen one may still be running). */
  let holding = 0
  const holderAnswered = new Set<() => void>()

  const stored = (): number => {
    const value = Number(storage?.getItem(GENERATION_KEY) ?? 0)
    return Number.isSafeInteger(value) && value > 0 ? value : 0
  }

  /** Holds the marker of `generation`, letting the previous one go. */
  function mark(generation: number): void {
    if (!locks?.query) return
    releaseMarker?.()
    const held = new Promise<void>((release) => (releaseMarker = release))
    marked = new Promise<void>((granted) => {
      void locks.request(`${GENERATION_MARKER}${generation}:${tabId}`, {}, () => {
        granted()
        return held
      })
    })
  }

  /** The newest generation any tab has marked, or 0 where markers cannot be read. */
  async function markedGeneration(): Promise<number> {
    const held = (await locks?.query?.())?.held ?? []
    return held.reduce((newest, { name = '' }) => {
      if (!name.startsWith(GENERATION_MARKER)) return newest
      const generation = Number(name.slice(GENERATION_MARKER.length).split(':')[0])
      return Number.isSafeInteger(generation) ? Math.max(newest, generation) : newest
    }, 0)
  }

  function receiveProbe(data: unknown): boolean {
    const probe = probeSchema().safeParse(data)
    if (!probe.success) return false
    if (probe.data.type === 'lock-probe' && holding > 0) {
      channel?.postMessage({ type: 'lock-held', from: tabId })
    } else if (probe.data.type === 'lock-held') {
      for (const answered of holderAnswered) answered()
    } else if (probe.data.type === 'latest-asked' && latest) {
      channel?.postMessage({ ...latest, resent: true } satisfies ChannelMessage)
    }
    return true
  }

  /** True when a tab holding the refresh lock answers within {@link HOLDER_ANSWER_MS}. */
  function holderRuns(): Promise<boolean> {
    if (!channel) return Promise.resolve(false)
    return new Promise((settle) => {
      const finish = (answered: boolean) => {
        holderAnswered.delete(onAnswer)
        timers.clear(timer)
        settle(answered)
      }
      const onAnswer = () => finish(true)
      const timer = timers.set(() => finish(false), HOLDER_ANSWER_MS)
      holderAnswered.add(onAnswer)
      channel.postMessage({ type: 'lock-probe', from: tabId })
    })
  }

  /**
   * The refresh lock, waited for with a bound. `navigator.locks` alone waits forever, and a tab
   * the browser froze while it held the lock would stall every other tab until it thaws.
   *
   * Why ask, rather than steal as soon as the bound passes: a holder that still runs may be
   * waiting on a slow server with the refresh cookie on its way, and a second tab presenting the
   * same cookie would be reuse, which ends the session. A running page answers a message even in
   * the background; a frozen one cannot. (A discarded tab needs none of this: the browser
   * releases its locks.)
   *
   * Why stealing from a frozen holder is safe for the cookie: the browser shares one cookie jar
   * and applies a response's Set-Cookie in the network stack even while the page is frozen. Once
   * the server has answered the frozen tab's refresh, the jar holds the rotated cookie and the new
   * holder sends that one. The residual risk is a frozen holder whose refresh is still unanswered
   * after the bound, i.e. a server slower than {@link LOCK_WAIT_MS}: the two requests would then
   * carry the same cookie. The bound sits well past a normal answer for that reason. What the
   * thawed tab must not do is use its answer: its lease is lost (see {@link Lease}), so the
   * session drops it and takes the newer token the new holder shared, never sharing its own.
   */
  async function takeLock<T>(task: (lease: Lease) => Promise<T>, manager: LockManagerLike) {
    let running: Promise<T> | null = null
    let onGranted: () => void = () => undefined
    const granted = new Promise<void>((resolve) => (onGranted = resolve))
    const lease = { generationAtGrant: 0, lost: false }
    const held = () => {
      holding++
      onGranted()
      running = (async () => {
        try {
          // Markers too: storage may lag behind what the previous holder published.
          lease.generationAtGrant = Math.max(heard, stored(), await markedGeneration())
          return await task(lease)
        } finally {
          holding--
          // Whatever was published under the lock is marked before the next holder looks.
          await marked
        }
      })()
      return running
    }
    const request = async (options: LockOptions): Promise<T> => {
      try {
        return await manager.request(REFRESH_LOCK, options, held)
      } catch (error) {
        if (running === null) throw error
        // Granted, then taken over: the task still runs, and its own outcome is the answer.
        lease.lost = true
        return running
      }
    }
    for (;;) {
      const waited = new AbortController()
      const timer = timers.set(() => waited.abort(), lockWaitMs)
      try {
        return await request({ signal: waited.signal })
      } catch (error) {
        if (!waited.signal.aborted || running !== null) throw error
      } finally {
        timers.clear(timer)
      }
      // Every waiter reaches this point at about the same moment. One asks, and passes a silent
      // holder by; the others find the takeover lock taken and wait again, and when they next
      // ask, the new holder answers.
      const takeover = await manager.request(TAKEOVER_LOCK, { ifAvailable: true }, async (lock) => {
        if (lock === null || (await holderRuns())) return null
        const turn = request({ steal: true })
        await granted
        return { turn }
      })
      if (takeover) return takeover.turn
    }
  }

  function receive(event: MessageEvent): void {
    if (receiveProbe(event.data)) return
    const parsed = channelMessageSchema().safeParse(event.data)
    if (!parsed.success || parsed.data.from === tabId) return
    // Older than what this tab already heard: a token from before a sign-out, say. A message
    // posted again is news only to the tab that asked for it.
    const { generation, resent } = parsed.data
    if (generation < heard || (resent && generation === heard)) return
    heard = generation
    latest = parsed.data
    onMessage?.(parsed.data)
    for (const wake of catchingUp) wake()
  }

  return {
    start(handler: (message: ChannelMessage) => void): void {
      onMessage = handler
      heard = Math.max(heard, stored())
      channel?.addEventListener('message', receive)
    },
    stop(): void {
      onMessage = null
      channel?.removeEventListener('message', receive)
      channel?.close()
      releaseMarker?.()
      for (const wake of catchingUp) wake()
    },

    /** The newest generation this tab knows of. */
    heard: (): number => heard,

    /**
     * Runs `task` alone across every tab of the origin; without Web Locks, alone in this tab. A
     * holder that has stopped running is passed by after a while (see `takeLock`): the task
     * learns it from {@link passedBy}.
     */
    withLock<T>(task: (lease: Lease) => Promise<T>): Promise<T> {
      if (locks) return takeLock(task, locks)
      const run = tail.then(() => task({ generationAtGrant: heard, lost: false }))
      tail = run.catch(() => undefined)
      return run
    },

    /**
     * Under the lock: resolves once this tab has heard every message the earlier holders posted,
     * or after `withinMs` (a holder that died before posting, a browser without storage).
     */
    async catchUp(withinMs: number): Promise<void> {
      if (!channel) return
      const newest = Math.max(stored(), await markedGeneration())
      if (newest <= heard) return
      const caughtUp = new Promise<void>((done) => {
        const finish = () => {
          catchingUp.delete(check)
          timers.clear(timer)
          done()
        }
        const check = () => {
          if (newest <= heard || onMessage === null) finish()
        }
        const timer = timers.set(finish, withinMs)
        catchingUp.add(check)
      })
      // The message may have been posted while this page was frozen, and a frozen page misses
      // what the channel carried: the tabs that heard it post it again.
      channel.postMessage({ type: 'latest-asked', from: tabId })
      return caughtUp
    },

    /**
     * True when another tab took the lock over during this turn, or published since it began:
     * an answer this turn got is then older than the session's state, and must not be used.
     * Asks the lock manager first, so a takeover it already made is known here.
     */
    async passedBy(lease: Lease): Promise<boolean> {
      const latest = Math.max(stored(), await markedGeneration())
      return lease.lost || latest > lease.generationAtGrant
    },

    /** Under the lock: tells the other tabs, with the next generation written first. */
    publish(message: Outgoing): void {
      heard = Math.max(heard, stored()) + 1
      storage?.setItem(GENERATION_KEY, String(heard))
      mark(heard)
      latest = { ...message, from: tabId, generation: heard }
      channel?.postMessage(latest)
    },
  }
}

export type CrossTab = ReturnType<typeof createCrossTab>

export function browserLocks(): LockManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null
}

export function browserChannel(): ChannelLike | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(AUTH_CHANNEL)
}

export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    // Storage can be switched off; tabs then only lose the ordering hint.
    return null
  }
}
