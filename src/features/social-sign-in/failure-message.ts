import * as z from 'zod/mini'
import { isAuthError } from '../../auth'
import type { Messages } from '../../i18n/catalogues'
import { providerLabel } from '../../i18n/provider-label'
import type { FlowFailure } from './oauth-flow'
import { socialProviderSchema } from '../../../contract/providers'

/**
 * Why a social sign-in did not finish, as the sign-in page receives it: the flow's own reasons,
 * plus an exchange the server refused (`refused`) or never answered (`unreachable`). The page
 * words it in its current language, so the cause travels, not a sentence.
 */
export const socialSignInFailureSchema = z.object({
  reason: z.enum([
    'cancelled',
    'provider_error',
    'unknown_provider',
    'state_missing',
    'state_unknown',
    'provider_mismatch',
    'state_expired',
    'code_missing',
    'refused',
    'unreachable',
  ] as const satisfies readonly (FlowFailure | 'refused' | 'unreachable')[]),
  provider: z.nullable(socialProviderSchema),
})

export type SocialSignInFailure = z.infer<typeof socialSignInFailureSchema>

/** The failure of an exchange the server refused or never answered. */
export function exchangeFailure(
  error: unknown,
  provider: SocialSignInFailure['provider'],
): SocialSignInFailure {
  const unreachable = !isAuthError(error) || error.kind === 'transient'
  return { reason: unreachable ? 'unreachable' : 'refused', provider }
}

/**
 * What the sign-in page tells a person whose social sign-in did not finish. Safe to show: it
 * never repeats what came in the URL or anything the server said.
 */
export function failureMessage(messages: Messages, failure: SocialSignInFailure): string {
  const name = failure.provider
    ? providerLabel(messages, failure.provider)
    : messages.social.theProvider
  switch (failure.reason) {
    case 'cancelled':
      return messages.social.cancelled(name)
    case 'provider_error':
      return messages.social.providerError(name)
    case 'unreachable':
      return messages.errors.network
    case 'refused':
      return messages.social.exchangeFailed(name)
    default:
      return messages.social.unverified(name)
  }
}
