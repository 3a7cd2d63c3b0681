import * as z from 'zod/mini'
import { userSchema } from '../../contract/auth'
import { SIGN_OUT_REASONS } from './events'
import type { Timers } from './scheduler'

/** The part of the Web Locks API this module needs; absent where the browser lacks it. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>
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

export const REFRESH_LOCK = 'reel-auth-refresh'
export const AUTH_CHANNEL = 'reel-auth'
/** How many token answers and sign-outs the origin has seen: a number, not a secret. */
export const GENERATION_KEY = 'reel-auth-generation'
/** A lock named after the generation a tab last published, held until its next one. */
export const GENERATION_MARKER = 'reel-auth-generation:'

const generation = z.int().check(z.nonnegative())

/** What tabs tell each other. Parsed on arrival like any other untrusted input. */
export const channelMessageSchema = z.discriminatedUnion('type', [
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
  }),
  z.object({
    type: z.literal('signed-out'),
    from: z.string(),
    generation,
    reason: z.enum(SIGN_OUT_REASONS),
    logoutPending: z.boolean(),
  }),
])

export type ChannelMessage = z.infer<typeof channelMessageSchema>
type Outgoing =
  | Omit<Extract<ChannelMessage, { type: 'token' }>, 'from' | 'generation'>
  | Omit<Extract<ChannelMessage, { type: 'signed-out' }>, 'from' | 'generation'>

export interface CrossTabOptions {
  locks: LockManagerLike | null
  channel: ChannelLike | null
  storage: StorageLike | null
  tabId: string
  timers: Timers
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
export function createCrossTab({ locks, channel, storage, tabId, timers }: CrossTabOptions) {
  let heard = 0
  let tail: Promise<unknown> = Promise.resolve()
  let onMessage: ((message: ChannelMessage) => void) | null = null
  const catchingUp = new Set<() => void>()
  /** Ends the marker lock of this tab's last publication; `marked` resolves once it is held. */
  let releaseMarker: (() => void) | null = null
  let marked: Promise<void> = Promise.resolve()

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
      void locks.request(`${GENERATION_MARKER}${generation}:${tabId}`, () => {
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

  function receive(event: MessageEvent): void {
    const parsed = channelMessageSchema.safeParse(event.data)
    if (!parsed.success || parsed.data.from === tabId) return
    // Older than what this tab already heard: a token from before a sign-out, say.
    if (parsed.data.generation < heard) return
    heard = parsed.data.generation
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

    /** Runs `task` alone across every tab of the origin; without Web Locks, alone in this tab. */
    withLock<T>(task: () => Promise<T>): Promise<T> {
      if (locks) {
        return locks.request(REFRESH_LOCK, async () => {
          try {
            return await task()
          } finally {
            // Whatever was published under the lock is marked before the next holder looks.
            await marked
          }
        })
      }
      const run = tail.then(task)
      tail = run.catch(() => undefined)
      return run
    },

    /**
     * Under the lock: resolves once this tab has heard every message the earlier holders posted,
     * or after `withinMs` (a holder that died before posting, a browser without storage).
     */
    async catchUp(withinMs: number): Promise<void> {
      if (!channel) return
      const latest = Math.max(stored(), await markedGeneration())
      if (latest <= heard) return
      return new Promise<void>((done) => {
        const finish = () => {
          catchingUp.delete(check)
          timers.clear(timer)
          done()
        }
        const check = () => {
          if (latest <= heard || onMessage === null) finish()
        }
        const timer = timers.set(finish, withinMs)
        catchingUp.add(check)
      })
    },

    /** Under the lock: tells the other tabs, with the next generation written first. */
    publish(message: Outgoing): void {
      heard = Math.max(heard, stored()) + 1
      storage?.setItem(GENERATION_KEY, String(heard))
      mark(heard)
      channel?.postMessage({ ...message, from: tabId, generation: heard } satisfies ChannelMessage)
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
