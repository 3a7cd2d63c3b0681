import { AuthError } from './errors'
import type { Refusal } from './refusal'
import type { RequestAuth } from './request-auth'
import type { AccessToken } from './token-store'

/** How a request is named in the events the lab draws. */
export interface RequestLabel {
  method: string
  url: string
}

type ReplayReason = 'newer-token' | 'after-refresh' | 'after-step-up'

/** Waits for a token as the request would wait; `forPerson` when a person is asked to confirm. */
type WaitAsRequest = (token: Promise<AccessToken>, forPerson: boolean) => Promise<AccessToken>

/**
 * The one path every request wrapper (the axios interceptor, `authFetch`) takes while it waits
 * and after a refusal, and the events it reports on the way, so the lab sees them all alike.
 */
export function createReplayPath(auth: RequestAuth) {
  const { events } = auth

  function queued(request: RequestLabel): void {
    if (events.wanted()) events.emit({ type: 'request-queued', ...request })
  }

  function replayed(request: RequestLabel, why: ReplayReason): void {
    if (events.wanted()) events.emit({ type: 'request-replayed', ...request, why })
  }

  return {
    queued,

    /** A request's final outcome; `status` is null when no response came. */
    completed(request: RequestLabel, status: number | null, wasReplayed: boolean): void {
      if (events.wanted()) {
        events.emit({ type: 'request-completed', ...request, status, replayed: wasReplayed })
      }
    },

    /**
     * After a refusal of a token of `epoch`: waits for the refresh or the step-up it asks for and
     * returns the token to replay with, or null when a newer one already replaced it. Throws a
     * `session_ended` AuthError (with the refusal's `code`) when there is no session left.
     */
    async tokenForReplay(
      refusal: Exclude<Refusal, null>,
      epoch: number,
      request: RequestLabel,
      code: string | null,
      wait: WaitAsRequest,
    ): Promise<AccessToken | null> {
      let next: 'newer-token' | Promise<AccessToken>
      try {
        next = refusal === 'step-up' ? auth.afterStepUpRequired(epoch) : auth.afterRejection(epoch)
      } catch (cause) {
        // Nothing left to refresh with: whoever asked must sign in again.
        throw new AuthError('session_ended', 'You need to sign in again.', code, 401, null, {
          cause,
        })
      }
      if (next === 'newer-token') {
        replayed(request, next)
        return null
      }
      queued(request)
      const token = await wait(next, refusal === 'step-up')
      replayed(request, refusal === 'step-up' ? 'after-step-up' : 'after-refresh')
      return token
    },
  }
}
