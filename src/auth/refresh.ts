import { z } from 'zod'
import { userSchema } from './auth-api'
import { SIGN_OUT_REASONS } from './events'

/** The part of the Web Locks API this module needs; absent where the browser lacks it. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>
}

/** The part of BroadcastChannel this module needs. */
export interface ChannelLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  close(): void
}

export const REFRESH_LOCK = 'reel-auth-refresh'
export const AUTH_CHANNEL = 'reel-auth'

/**
 * Runs one task at a time; whoever calls while it runs shares its promise, success or failure.
 * The slot is freed in `finally`, so a failure never leaves later callers waiting forever.
 */
export function createSingleFlight<T>() {
  let inFlight: Promise<T> | null = null
  return {
    run(task: () => Promise<T>, onJoin?: () => void): Promise<T> {
      if (inFlight) {
        onJoin?.()
        return inFlight
      }
      const flight = Promise.resolve()
        .then(task)
        .finally(() => {
          inFlight = null
        })
      inFlight = flight
      return flight
    },
    isRunning: (): boolean => inFlight !== null,
  }
}

/** Serialises a task across every tab of the origin; without Web Locks, only within this tab. */
export function withCrossTabLock<T>(
  locks: LockManagerLike | null,
  task: () => Promise<T>,
): Promise<T> {
  return locks ? locks.request(REFRESH_LOCK, task) : task()
}

/** What tabs tell each other. Parsed on arrival like any other untrusted input. */
export const channelMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('token'),
    from: z.string(),
    accessToken: z.string().min(1),
    expiresIn: z.number().positive(),
    sessionExpiresAt: z.number().nullable(),
    user: userSchema,
  }),
  z.object({ type: z.literal('signed-out'), from: z.string(), reason: z.enum(SIGN_OUT_REASONS) }),
])

export type ChannelMessage = z.infer<typeof channelMessageSchema>

export function browserLocks(): LockManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null
}

export function browserChannel(): ChannelLike | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(AUTH_CHANNEL)
}
