import type { SignOutReason } from './sign-out-reason'

/** What the auth core reports as it works; the lab draws these, and anyone may subscribe. */
type AuthEventBody =
  | { type: 'refresh-started' }
  | { type: 'refresh-joined' }
  | { type: 'refresh-succeeded'; durationMs: number; source: 'network' | 'other-tab' }
  | {
      type: 'refresh-failed'
      kind: 'session_ended' | 'transient' | 'rejected' | 'bad_response'
      code: string | null
    }
  | { type: 'token-received'; expiresInMs: number; source: 'network' | 'other-tab' }
  | { type: 'request-queued'; method: string; url: string }
  | {
      type: 'request-replayed'
      method: string
      url: string
      why: 'newer-token' | 'after-refresh' | 'after-step-up'
    }
  /** A request's final outcome; `status` is null when no response came. */
  | {
      type: 'request-completed'
      method: string
      url: string
      status: number | null
      replayed: boolean
    }
  | { type: 'signed-in'; userId: string }
  | { type: 'signed-out'; reason: SignOutReason }

/**
 * `at` is wall-clock time so that tabs can be drawn on one axis; `seq` counts this tab's events,
 * so `tabId` and `seq` name one event even when a burst emits many in the same millisecond.
 */
export type AuthEvent = AuthEventBody & { at: number; tabId: string; seq: number }

/** A stable name for an event across tabs: each tab numbers its own events. */
export const eventKey = (event: Pick<AuthEvent, 'tabId' | 'seq'>): string =>
  `${event.tabId}:${event.seq}`

export type AuthEventListener = (event: AuthEvent) => void

/**
 * This tab's events. Nothing is built when nobody listens: callers check `wanted()` first (or
 * pass a body they already had), so the common path allocates nothing.
 */
export function createEventStream(tabId: string) {
  const listeners = new Set<AuthEventListener>()
  let seq = 0
  return {
    wanted: (): boolean => listeners.size > 0,
    emit(body: AuthEventBody): void {
      if (listeners.size === 0) return
      const event = { ...body, at: Date.now(), tabId, seq: ++seq }
      for (const listener of listeners) listener(event)
    },
    subscribe(listener: AuthEventListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop(): void {
      listeners.clear()
    },
  }
}

export type EventStream = ReturnType<typeof createEventStream>
