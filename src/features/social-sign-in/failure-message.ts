import { z } from 'zod'
import { isAuthError } from '../../auth/errors'
import { providerLabel } from '../sessions/utils/provider-label'
import type { FlowFailure } from './oauth-flow'
import type { SocialProvider } from './providers'

/**
 * What the sign-in page tells a person whose social sign-in did not finish. Safe to show: it
 * never repeats what came in the URL or the server's developer detail.
 */
export function flowFailureMessage(reason: FlowFailure, provider: SocialProvider | null): string {
  const name = provider ? providerLabel(provider) : 'the provider'
  switch (reason) {
    case 'cancelled':
      return `Sign-in with ${name} was cancelled.`
    case 'provider_error':
      return `${name} could not sign you in. Please try again.`
    default:
      return `We could not verify this sign-in with ${name}. Please start again.`
  }
}

/** The message for an exchange the server refused or never answered. */
export function exchangeFailureMessage(error: unknown, provider: SocialProvider): string {
  if (!isAuthError(error) || error.kind === 'transient') {
    return 'We could not reach the server. Check your connection and try again.'
  }
  return `Sign-in with ${providerLabel(provider)} could not be completed. Please try again.`
}

const failureStateSchema = z.object({ socialSignInError: z.string() })

/**
 * The history state that carries a failure to the sign-in page, with where the person was going
 * when that is known, in the shape the sign-in page already reads (`from`).
 */
export function failureState(message: string, returnTo: string | null) {
  return returnTo === null
    ? { socialSignInError: message }
    : { socialSignInError: message, from: returnTo, endedBecause: null }
}

/** The failure message in a history state, if there is one. */
export function readFailureMessage(state: unknown): string | null {
  const parsed = failureStateSchema.safeParse(state)
  return parsed.success ? parsed.data.socialSignInError : null
}
