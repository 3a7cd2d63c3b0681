import type { Reauthentication } from '../../contract/account'
import type { User } from './auth-api'
import { toAuthError } from './errors'
import { refusalOf, type Refusal } from './refusal'
import { createDeferred, settle as settleWaiting, type Deferred } from './deferred'
import type { AccessToken } from './token-store'

/** What proves the user is still there: the password, or a passkey assertion. */
export type StepUpProof = Reauthentication

/** Every request waiting for a step-up gets this when the user cancels; nothing was sent. */
class StepUpCancelledError extends Error {
  override readonly name = 'StepUpCancelledError'
  readonly code = 'step_up_cancelled'
  constructor() {
    super('Re-authentication was cancelled.')
  }
}

export const isStepUpCancelled = (error: unknown): error is StepUpCancelledError =>
  error instanceof StepUpCancelledError

/**
 * What the app is asked to show while requests wait for a fresh sign-in: one at a time,
 * however many requests wait, gone once any tab has re-authenticated.
 */
export interface StepUpPrompt {
  /** Tells one prompt from the next (a React key). */
  readonly id: number
  /** Whose sign-in is confirmed; `user.passkeys > 0` offers a passkey. */
  readonly user: User | null
  /**
   * Re-authenticates with `proof`. Resolves once the waiting requests have their token; rejects
   * with an `AuthError` the prompt should show (wrong password, throttled) and stays open then.
   */
  confirm(proof: StepUpProof): Promise<void>
  /** Rejects every waiting request with a {@link StepUpCancelledError}; nothing is sent. */
  cancel(): void
}

interface StepUpOptions {
  /** Sends the proof and installs the token it earns, as a refresh would; rejects with an AuthError. */
  reauthenticate(proof: StepUpProof): Promise<AccessToken>
  user(): User | null
}

/**
 * Turns every `401 reauthentication_required` of a tab into one prompt and one re-authentication,
 * then hands each waiting request the fresh token for its one replay. A token that earned a step-up
 * anywhere (here or in another tab) answers every refusal of an older token without asking again.
 *
 * @example
 * const stepUp = createStepUp({ reauthenticate, user: () => state.user })
 * stepUp.subscribe(() => render(stepUp.prompt())) // the app's dialog
 * const token = await stepUp.required(refusedToken.epoch) // replay with token
 */
export function createStepUp({ reauthenticate, user }: StepUpOptions) {
  const listeners = new Set<() => void>()
  /** The epoch of the newest token known to carry a fresh sign-in; 0 before any. */
  let steppedUpEpoch = 0
  let waiting: Deferred<AccessToken> | null = null
  let current: StepUpPrompt | null = null
  let opened = 0

  function show(prompt: StepUpPrompt | null): void {
    current = prompt
    for (const listener of listeners) listener()
  }

  function settle(outcome: { value: AccessToken } | { error: unknown }): void {
    const pending = waiting
    waiting = null
    show(null)
    settleWaiting(pending, outcome)
  }

  /** A token that earned a step-up: every request waiting for one goes on with it. */
  function steppedUp(token: AccessToken): void {
    steppedUpEpoch = Math.max(steppedUpEpoch, token.epoch)
    settle({ value: token })
  }

  function openPrompt(): void {
    // One confirmation at a time: a second click while the first is out joins it.
    let confirming: Promise<void> | null = null
    const prompt: StepUpPrompt = {
      id: ++opened,
      user: user(),
      confirm(proof) {
        confirming ??= reauthenticate(proof)
          .then((token) => {
            // Another tab may have closed this prompt meanwhile; the token is good either way.
            steppedUp(token)
          })
          .finally(() => {
            confirming = null
          })
        return confirming
      },
      cancel() {
        if (current === prompt) settle({ error: new StepUpCancelledError() })
      },
    }
    show(prompt)
  }

  return {
    /**
     * After a request carrying the token of `refusedEpoch` was refused for an old sign-in:
     * `newer-token` when a stepped-up token has replaced it, else the token the prompt earns.
     */
    required(refusedEpoch: number): 'newer-token' | Promise<AccessToken> {
      if (refusedEpoch < steppedUpEpoch) return 'newer-token'
      if (!waiting) {
        waiting = createDeferred()
        openPrompt()
      }
      return waiting.promise
    },

    steppedUp,

    /** The session ended: nobody waits for a step-up any more. */
    abandon(error: unknown): void {
      settle({ error })
    },

    /** The prompt to show, or null. */
    prompt: (): StepUpPrompt | null => current,

    /** Subscribe to the prompt opening and closing (the shape `useSyncExternalStore` expects). */
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type StepUp = ReturnType<typeof createStepUp>

/**
 * Calls a step-up endpoint of the auth API with a token. Each refusal the session can answer is
 * answered once, and the call made again: a token the server finds expired (its clock may be ahead
 * of this tab's) gets a refresh, an old sign-in gets the user's confirmation, in whichever order
 * the server finds them.
 */
export async function callWithStepUp(
  tokens: {
    validToken(): Promise<AccessToken>
    afterRejection(epoch: number): 'newer-token' | Promise<AccessToken>
    afterStepUpRequired(epoch: number): 'newer-token' | Promise<AccessToken>
  },
  call: (accessToken: string) => Promise<void>,
): Promise<void> {
  const answered = new Set<Refusal>()
  let token = await tokens.validToken()
  for (;;) {
    try {
      return await call(token.value)
    } catch (cause) {
      const error = toAuthError(cause)
      const refusal = refusalOf(error.status ?? undefined, error.code, null)
      if (refusal === null || answered.has(refusal)) throw error
      answered.add(refusal)
      const next =
        refusal === 'step-up'
          ? tokens.afterStepUpRequired(token.epoch)
          : tokens.afterRejection(token.epoch)
      token = next === 'newer-token' ? await tokens.validToken() : await next
    }
  }
}
