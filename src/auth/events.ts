/** Why a session ended: the user's own action (here or in another tab), or the server's refusal. */
export type SignOutReason = 'user' | 'session_ended'

/** What the auth core reports as it works; the lab draws these, and anyone may subscribe. */
export type AuthEventBody =
  | { type: 'refresh-started' }
  | { type: 'refresh-joined' }
  | { type: 'refresh-succeeded'; durationMs: number; source: 'network' | 'other-tab' }
  | {
      type: 'refresh-failed'
      kind: 'session_ended' | 'transient' | 'rejected'
      code: string | null
    }
  | { type: 'token-received'; expiresInMs: number; source: 'network' | 'other-tab' }
  | { type: 'request-queued'; method: string; url: string }
  | { type: 'request-replayed'; method: string; url: string; why: 'newer-token' | 'after-refresh' }
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

export type AuthEventListener = (event: AuthEvent) => void

export function createEventStream(tabId: string) {
  const listeners = new Set<AuthEventListener>()
  let seq = 0
  return {
    emit(body: AuthEventBody): void {
      const event = { ...body, at: Date.now(), tabId, seq: ++seq }
      for (const listener of listeners) listener(event)
    },
    subscribe(listener: AuthEventListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
