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
  | { type: 'signed-in'; userId: string }
  | { type: 'signed-out'; reason: SignOutReason }

export type AuthEvent = AuthEventBody & { at: number; tabId: string }

export type AuthEventListener = (event: AuthEvent) => void

export function createEventStream(tabId: string) {
  const listeners = new Set<AuthEventListener>()
  return {
    emit(body: AuthEventBody): void {
      const event = { ...body, at: Date.now(), tabId }
      for (const listener of listeners) listener(event)
    },
    subscribe(listener: AuthEventListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
